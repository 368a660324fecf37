"""Spin boxes that read and write numbers through :mod:`ui.numbers`, and refuse aloud.

Qt's spin boxes drop group separators they cannot place: typing ``10,5``
into a QSpinBox under en_US gives 105, and ``1.5`` into a QDoubleSpinBox
under de_DE gives 15. These accept only what the locale reads as a number
within range (and with no more decimals than the box keeps); anything else
springs back when the planner presses Enter or leaves the box, and
``refused`` carries the one-line reason naming the field and the text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QValidator
from PySide6.QtWidgets import QDoubleSpinBox, QSpinBox, QWidget

from ui import numbers
from ui.scenario_edit import refusal

COMMIT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class _Strict:
    """What both spin boxes share: parse, check range and decimals, say why not."""

    refused: Signal

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)  # type: ignore[call-arg]
        self.label = label  # the field's name in a refusal

    def _parse(self, text: str) -> float:
        raise NotImplementedError

    def _show(self, value: float) -> str:
        raise NotImplementedError

    def _extra_rule(self, value: float, text: str) -> str | None:
        return None

    def _body(self, text: str) -> str:
        body = text
        prefix, suffix = self.prefix(), self.suffix()  # type: ignore[attr-defined]
        if prefix and body.startswith(prefix):
            body = body[len(prefix) :]
        if suffix and body.endswith(suffix):
            body = body[: -len(suffix)]
        return body.strip()

    def problem(self, text: str | None = None) -> str | None:
        """Why the text in the box (or `text`) cannot be stored; None when it can."""
        body = self._body(self.lineEdit().text() if text is None else text)  # type: ignore[attr-defined]
        try:
            value = self._parse(body)
        except ValueError as exc:
            return refusal(self.label, exc)
        low, high = self.minimum(), self.maximum()  # type: ignore[attr-defined]
        if value < low:
            reason = f"{self._show(value)} is below {self._show(low)}"
        elif value > high:
            reason = f"{self._show(value)} is above {self._show(high)}"
        else:
            extra = self._extra_rule(value, body)
            if extra is None:
                return None
            reason = extra
        return refusal(self.label, ValueError(reason))

    def validate(self, text: str, pos: int) -> object:  # Qt API
        # never Invalid: the planner may type anything, and hears why it is refused
        ok = self.problem(text) is None
        return (QValidator.State.Acceptable if ok else QValidator.State.Intermediate, text, pos)

    def fixup(self, text: str) -> str:  # Qt API
        return text  # Qt's own fixup drops separators ("10,5" -> "105"): refuse instead

    def valueFromText(self, text: str) -> float:  # noqa: N802 (Qt API)
        try:
            return self._parse(self._body(text))
        except ValueError:
            return self.value()  # type: ignore[attr-defined]

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in COMMIT_KEYS:
            self._refuse_if_bad()
        super().keyPressEvent(event)  # type: ignore[misc]

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        self._refuse_if_bad()
        super().focusOutEvent(event)  # type: ignore[misc]

    def _refuse_if_bad(self) -> None:
        problem = self.problem()
        if problem is not None:
            self.refused.emit(problem)


class WholeSpinBox(_Strict, QSpinBox):
    """A whole-number spin box in the locale's format (``12,500 troops``)."""

    refused = Signal(str)

    def _parse(self, text: str) -> float:
        return numbers.parse_whole(text)

    def _show(self, value: float) -> str:
        return numbers.whole(int(value))

    def textFromValue(self, value: int) -> str:  # noqa: N802 (Qt API)
        return numbers.whole(value)


class NumberSpinBox(_Strict, QDoubleSpinBox):
    """A decimal spin box in the locale's format; more decimals than it keeps are refused."""

    refused = Signal(str)

    def _parse(self, text: str) -> float:
        return numbers.parse_number(text)

    def _show(self, value: float) -> str:
        return numbers.exact(value)

    def _extra_rule(self, value: float, text: str) -> str | None:
        if numbers.places_of(value) > self.decimals():
            return f"'{text}' has more decimals than the {self.decimals()} kept here"
        return None

    def textFromValue(self, value: float) -> str:  # noqa: N802 (Qt API)
        return numbers.decimal(value, self.decimals())
