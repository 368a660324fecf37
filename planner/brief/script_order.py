"""Right-to-left text (Arabic, Hebrew, ...) in the order a PDF draws it, left to right.

reportlab draws every string left to right, character by character: Arabic
would come out unjoined and backwards. Its own bidi support needs `rlbidi`,
which is not on the package index this project uses, and its harfbuzz
shaping reverses each word but cannot order the words of a phrase. So the
brief does both steps itself before reportlab sees the text:

- each right-to-left *phrase* (words with right-to-left letters, and the
  digits or punctuation between them) is taken apart from the sentence
  around it, like an HTML ``<bdi>``: a nation name keeps its place in an
  English sentence, and a figure after it stays after it;
- Arabic letters become their joined presentation forms
  (`arabic_reshaper`, configured for the brief's font), then the phrase is
  put in visual order with brackets mirrored (`python-bidi`, the Unicode
  bidirectional algorithm).

Limit: a right-to-left phrase longer than a line wraps as drawn, so its
lines read from the bottom one up.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache

_RTL = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
_TOKENS = re.compile(r"(\s+)")
_IGNORED = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")
"""Variation selectors: they choose a glyph style and draw nothing themselves."""


def has_rtl(text: str) -> bool:
    return _RTL.search(text) is not None


def visual(text: str, covered: frozenset[int] | None = None) -> str:
    """`text` with each right-to-left phrase shaped and in drawing order; the rest as is.

    `covered`: the code points the font draws, so only ligatures it has are formed.
    """
    text = _drop_invisible(text)
    if not has_rtl(text):
        return text
    parts = _TOKENS.split(text)
    out: list[str] = []
    i = 0
    while i < len(parts):
        if i % 2 or not has_rtl(parts[i]):
            out.append(parts[i])
            i += 1
            continue
        end = _phrase_end(parts, i)
        out.append(_ordered("".join(parts[i : end + 1]), covered))
        i = end + 1
    return "".join(out)


def _drop_invisible(text: str) -> str:
    """Remove format characters and variation selectors: no font draws them."""
    text = _IGNORED.sub("", text)
    if not any(unicodedata.category(c) == "Cf" for c in text):
        return text
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def _phrase_end(parts: list[str], start: int) -> int:
    """Index of the last word of the right-to-left phrase starting at `start`.

    Words without left-to-right letters (figures, dashes) join the phrase
    only when a right-to-left word follows them.
    """
    end, j = start, start + 2
    while j < len(parts):
        word = parts[j]
        if has_rtl(word):
            end = j
        elif _has_ltr(word):
            break
        j += 2
    return end


def _has_ltr(word: str) -> bool:
    return any(unicodedata.bidirectional(c) == "L" for c in word)


def _ordered(phrase: str, covered: frozenset[int] | None) -> str:
    from bidi.algorithm import get_display  # the pure-Python algorithm: it mirrors brackets

    return str(get_display(_reshaper(covered).reshape(phrase), base_dir="R"))


@cache
def _reshaper(covered: frozenset[int] | None):  # noqa: ANN202 - arabic_reshaper has no types
    import arabic_reshaper
    from arabic_reshaper.ligatures import LIGATURES

    config: dict[str, bool] = {"delete_harakat": False, "shift_harakat_position": True}
    for name, (_, forms) in LIGATURES:
        config[name] = covered is not None and _all_in(forms, covered)
    # with none of them on, the reshaper's ligature pattern is empty and fails: turn it off
    config["support_ligatures"] = any(config[name] for name, _ in LIGATURES)
    return arabic_reshaper.ArabicReshaper(configuration=config)


def _all_in(forms: Iterable[str], covered: frozenset[int]) -> bool:
    return all(ord(c) in covered for form in forms for c in form)
