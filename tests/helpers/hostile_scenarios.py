"""Malformed and hostile scenario files, made by mutating the default scenario.

Deterministic: the same count and seed give the same files, byte for byte.
Each mutant belongs to one class (wrong types, huge numbers, deep nesting,
hostile text in values and keys, truncated JSON, binary, other encodings,
broken structure, JSON syntax outside the standard, flipped bytes);
:func:`mutants` takes them round-robin across the classes, so any count
covers every class about equally.
"""

from __future__ import annotations

import copy
import gzip
import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from planner.scenario.io import default_scenario_text

Path_ = tuple[Any, ...]  # keys and list indexes from the root


@dataclass(frozen=True)
class Mutant:
    cls: str
    name: str
    data: bytes


WRONG_VALUES: list[Any] = [None, True, 0, -1, 1.5, "", "text", [], {}, [[1]], {"x": 1}]
HUGE_NUMBERS: list[Any] = [10**20, -(10**20), 2**63, 1e308, -1e308, 5e-324, -0.0, 10**300]
HUGE_LITERALS = [b"1e400", b"-1e400", b"1" + b"0" * 5000, b"1" + b"0" * 400 + b".5", b"1E-999"]
HOSTILE_TEXT = [
    "\ud800",
    "\udfff",
    "a\udc00b",
    "\x1b[31mred\x1b[0m",
    "\x1b]0;title\x07",
    "\x1b[2J\x1b[H",
    "line\nbreak",
    "cr\rreturn",
    "nul\x00byte",
    "\u202eevil\u202c",
    "\u2066isolate\u2069",
    "sep\u2028line",
    "\ufeffbom",
    "\x9b31mc1",
    "\x7fdel",
    "x" * 20_001,
    "y" * 201,
    '=HYPERLINK("http://x")',
    "' OR 1=1 --",
    "東京 Ωmega 😀",
    " ",
    "",
]
HOSTILE_KEYS = [
    "\ud800",
    "a\nb",
    "\x1b[2Jclear",
    "\u202ekey",
    "",
    " ",
    "k" * 5_000,
    "__proto__",
    "name\x00",
    "😀",
]


def _walk(node: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    yield path, node
    items = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, child in items:
        yield from _walk(child, (*path, key))


def _set(root: Any, path: Path_, value: Any) -> Any:
    data = copy.deepcopy(root)
    if not path:
        return value
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return data


def _dump(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=True, allow_nan=True).encode()


def _label(path: Path_) -> str:
    return "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in path) or "<root>"


class _Classes:
    """Every mutant of each class, as a lazy list of makers (built on demand)."""

    def __init__(self) -> None:
        self.text = default_scenario_text()
        self.base = json.loads(self.text)
        self.nodes = list(_walk(self.base))[1:]
        self.leaves = [(p, v) for p, v in self.nodes if not isinstance(v, dict | list)]
        self.numbers = [
            (p, v) for p, v in self.leaves if isinstance(v, int | float) and not isinstance(v, bool)
        ]
        self.strings = [(p, v) for p, v in self.leaves if isinstance(v, str)]
        self.objects = [((), self.base)] + [(p, v) for p, v in self.nodes if isinstance(v, dict)]

    def makers(self) -> dict[str, list[Callable[[], Mutant]]]:
        return {
            "wrong_type": self._wrong_types(),
            "huge_number": self._huge_numbers(),
            "deep_nesting": self._deep_nesting(),
            "hostile_text": self._hostile_text(),
            "hostile_key": self._hostile_keys(),
            "truncated": self._truncated(),
            "binary": self._binary(),
            "encoding": self._encodings(),
            "structure": self._structure(),
            "json_syntax": self._json_syntax(),
            "byte_flip": self._byte_flips(),
        }

    def _mutant(self, cls: str, name: str, make: Callable[[], bytes]) -> Callable[[], Mutant]:
        return lambda: Mutant(cls, name, make())

    def _wrong_types(self) -> list[Callable[[], Mutant]]:
        return [
            self._mutant(
                "wrong_type", f"{_label(p)}={v!r}", lambda p=p, v=v: _dump(_set(self.base, p, v))
            )
            for p, old in self.nodes
            for v in WRONG_VALUES
            if type(v) is not type(old)
        ]

    def _huge_numbers(self) -> list[Callable[[], Mutant]]:
        makers = [
            self._mutant(
                "huge_number",
                f"{_label(p)}={v!r:.20}",
                lambda p=p, v=v: _dump(_set(self.base, p, v)),
            )
            for p, _ in self.numbers
            for v in HUGE_NUMBERS
        ]
        for p, _ in self.numbers:
            for literal in HUGE_LITERALS:
                marker = "__HUGE__"

                def make(p=p, literal=literal, marker=marker) -> bytes:
                    return _dump(_set(self.base, p, marker)).replace(
                        f'"{marker}"'.encode(), literal
                    )

                makers.append(self._mutant("huge_number", f"{_label(p)}={literal[:12]!r}", make))
        return makers

    def _deep_nesting(self) -> list[Callable[[], Mutant]]:
        def nested(p: Path_, depth: int, shape: str) -> bytes:
            marker = "__DEEP__"
            opening, closing = (
                ("[" * depth, "]" * depth) if shape == "list" else ('{"a":' * depth, "}" * depth)
            )
            return _dump(_set(self.base, p, marker)).replace(
                f'"{marker}"'.encode(), (opening + "1" + closing).encode()
            )

        return [
            self._mutant(
                "deep_nesting",
                f"{_label(p)} {shape}x{depth}",
                lambda p=p, d=depth, s=shape: nested(p, d, s),
            )
            for p, _ in self.nodes[::7]
            for depth in (60, 65, 1_000, 100_000)
            for shape in ("list", "object")
        ]

    def _hostile_text(self) -> list[Callable[[], Mutant]]:
        return [
            self._mutant(
                "hostile_text",
                f"{_label(p)}={t[:12]!r}",
                lambda p=p, t=t: _dump(_set(self.base, p, t)),
            )
            for p, _ in self.strings
            for t in HOSTILE_TEXT
        ]

    def _hostile_keys(self) -> list[Callable[[], Mutant]]:
        def added(p: Path_, key: str) -> bytes:
            node = copy.deepcopy(dict(_get(self.base, p)))
            node[key] = 1
            return _dump(_set(self.base, p, node))

        def renamed(p: Path_, key: str) -> bytes:
            node = dict(_get(self.base, p))
            first = next(iter(node))
            node = {(key if k == first else k): v for k, v in node.items()}
            return _dump(_set(self.base, p, node))

        return [
            self._mutant(
                "hostile_key",
                f"{_label(p)}+{how.__name__}{k[:8]!r}",
                lambda p=p, k=k, how=how: how(p, k),
            )
            for p, node in self.objects
            if node
            for k in HOSTILE_KEYS
            for how in (added, renamed)
        ]

    def _truncated(self) -> list[Callable[[], Mutant]]:
        data = self.text.encode()
        step = max(1, len(data) // 400)
        return [
            self._mutant("truncated", f"first {n} bytes", lambda n=n: data[:n])
            for n in range(0, len(data), step)
        ]

    def _binary(self) -> list[Callable[[], Mutant]]:
        data = self.text.encode()

        def noise(seed: int, size: int) -> bytes:
            return random.Random(seed).randbytes(size)

        makers = [
            self._mutant(
                "binary", f"random {size} bytes #{seed}", lambda s=seed, n=size: noise(s, n)
            )
            for seed in range(40)
            for size in (1, 17, 4096, 70_000)
        ]
        makers += [
            self._mutant("binary", "gzip", lambda: gzip.compress(data, mtime=0)),
            self._mutant("binary", "nul inside", lambda: data[:500] + b"\x00" + data[500:]),
            self._mutant("binary", "nul at end", lambda: data + b"\x00"),
            self._mutant("binary", "png header", lambda: b"\x89PNG\r\n\x1a\n" + data),
            self._mutant("binary", "zip header", lambda: b"PK\x03\x04" + data),
            self._mutant("binary", "all 0xff", lambda: b"\xff" * 5000),
        ]
        return makers

    def _encodings(self) -> list[Callable[[], Mutant]]:
        text = self.text
        accented = text.replace('"France"', '"Fr\u00e4nce \u6771"')
        return [
            self._mutant("encoding", name, make)
            for name, make in [
                ("utf-16 with bom", lambda: text.encode("utf-16")),
                ("utf-16-le no bom", lambda: text.encode("utf-16-le")),
                ("utf-16-be no bom", lambda: text.encode("utf-16-be")),
                ("utf-16-be bom", lambda: b"\xfe\xff" + text.encode("utf-16-be")),
                ("utf-32 with bom", lambda: text.encode("utf-32")),
                ("utf-32-be no bom", lambda: text.encode("utf-32-be")),
                ("utf-8 bom", lambda: text.encode("utf-8-sig")),
                ("double utf-8 bom", lambda: b"\xef\xbb\xbf" + text.encode("utf-8-sig")),
                ("latin-1", lambda: accented.encode("latin-1", "replace")),
                ("cp1252", lambda: accented.encode("cp1252", "replace")),
                (
                    "cesu surrogate bytes",
                    lambda: text.replace('"France"', '"\udc80"').encode("utf-8", "surrogatepass"),
                ),
                ("overlong slash", lambda: text.encode().replace(b'"France"', b'"\xc0\xafx"')),
                ("lone continuation", lambda: text.encode().replace(b'"France"', b'"\x80"')),
                ("truncated sequence", lambda: text.encode().replace(b'"France"', b'"\xe6\x9d"')),
                ("bom in middle", lambda: text.encode().replace(b"{", b"{\xef\xbb\xbf", 2)),
                ("utf-8 bom then utf-16", lambda: b"\xef\xbb\xbf" + text.encode("utf-16-le")),
            ]
        ]

    def _structure(self) -> list[Callable[[], Mutant]]:
        def dropped(p: Path_, key: Any) -> bytes:
            node = copy.deepcopy(_get(self.base, p))
            if isinstance(node, dict):
                del node[key]
            else:
                node.pop(key)
            return _dump(_set(self.base, p, node))

        def doubled(p: Path_) -> bytes:
            node = copy.deepcopy(_get(self.base, p))
            return _dump(_set(self.base, p, node + node[:1]))

        makers = [
            self._mutant("structure", f"drop {_label((*p, k))}", lambda p=p, k=k: dropped(p, k))
            for p, node in self.objects
            for k in node
        ]
        makers += [
            self._mutant("structure", f"double first of {_label(p)}", lambda p=p: doubled(p))
            for p, node in self.nodes
            if isinstance(node, list) and node
        ]
        text = self.text.encode()
        makers += [
            self._mutant("structure", f"top level {v!r}", lambda v=v: v)
            for v in (b"[]", b"{}", b'""', b"1", b"null", b"true", b"[" + text + b"]")
        ]
        makers.append(
            self._mutant(
                "structure",
                "duplicate key",
                lambda: text.replace(b'"name":', b'"name": "x", "name":', 1),
            )
        )
        makers.append(self._mutant("structure", "two documents", lambda: text + text))
        return makers

    def _json_syntax(self) -> list[Callable[[], Mutant]]:
        text = self.text.encode()
        swaps = [
            (b"0.4", b"NaN"),
            (b"0.4", b"Infinity"),
            (b"0.4", b"-Infinity"),
            (b"0.4", b"0x10"),
            (b"0.4", b"+1"),
            (b"0.4", b"01"),
            (b"0.4", b".5"),
            (b"0.4", b"1."),
            (b'"schema"', b"'schema'"),
            (b'"schema"', b"schema"),
            (b"{", b"{/* c */"),
            (b"{", b"{// c\n"),
            (b"]", b",]"),
            (b"}", b",}"),
            (b'"', b'\\"'),
            (b'"name"', b'"na\\u00"'),
            (b'"name"', b'"na\\x41me"'),
            (b'"name"', b'"na\tme"'),
            (b":", b"="),
            (b",", b";"),
        ]
        return [
            self._mutant(
                "json_syntax",
                f"{old!r}->{new!r} #{count}",
                lambda o=old, n=new, c=count: text.replace(o, n, c),
            )
            for old, new in swaps
            for count in (1, 3, -1)
        ]

    def _byte_flips(self) -> list[Callable[[], Mutant]]:
        data = self.text.encode()

        def flipped(seed: int) -> bytes:
            rng = random.Random(seed)
            out = bytearray(data)
            for _ in range(rng.choice((1, 2, 5, 20))):
                out[rng.randrange(len(out))] = rng.randrange(256)
            return bytes(out)

        return [
            self._mutant("byte_flip", f"flips #{seed}", lambda s=seed: flipped(s))
            for seed in range(2_000)
        ]


def _get(root: Any, path: Path_) -> Any:
    node = root
    for key in path:
        node = node[key]
    return node


def mutants(count: int, seed: int = 13) -> list[Mutant]:
    """`count` mutants, round-robin over the classes, each class in a seeded order."""
    makers = _Classes().makers()
    rng = random.Random(seed)
    queues = {}
    for cls, items in makers.items():
        order = list(range(len(items)))
        rng.shuffle(order)
        queues[cls] = [items[i] for i in order]
    chosen: list[Mutant] = []
    seen = {default_scenario_text().encode()}  # a mutant that changes nothing tests nothing
    while len(chosen) < count and any(queues.values()):
        for cls in makers:
            while queues[cls] and len(chosen) < count:
                mutant = queues[cls].pop()()
                if mutant.data not in seen:
                    seen.add(mutant.data)
                    chosen.append(mutant)
                    break
    return chosen


def class_sizes() -> dict[str, int]:
    """How many distinct mutants each class can make (the ceiling of a large run)."""
    return {cls: len(items) for cls, items in _Classes().makers().items()}
