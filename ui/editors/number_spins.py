"""Spin boxes that read and write numbers through :mod:`ui.numbers`, and refuse aloud.

Qt's spin boxes drop group separators they cannot place: typing ``10,5``
into a QSpinBox under en_US gives 105, and ``1.5`` into a QDoubleSpinBox
under de_DE gives 15. These accept only what the locale reads as a number
within range (and with no more decimals than the box keeps); anything else
springs back when the planner presses Enter or leaves the box, and
``refused`` carries the one-line reason naming the field and the text.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt, Signal, SignalInstance
from PySide6.QtGui import QKeyEvent, QValidator
from PySide6.QtWidgets import QDoubleSpinBox, QLineEdit, QSpinBox, QWidget

from ui import numbers
from ui.editors.scenario_edit import refusal

COMMIT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
State = tuple[QValidator.State, str, int]


class _Box(Protocol):
    """What :class:`_Strict` uses of the spin box it is mixed into (QSpinBox or QDoubleSpinBox)."""

    label: str

    @property
    def refused(self) -> SignalInstance: ...

    def prefix(self) -> str: ...

    def suffix(self) -> str: ...

    def lineEdit(self) -> QLineEdit | None: ...  # noqa: N802 (Qt API)

    def minimum(self) -> float: ...

    def maximum(self) -> float: ...

    def value(self) -> float: ...

    def _parse(self, text: str) -> float: ...

    def _show(self, value: float) -> str: ...

    def _extra_rule(self, value: float, text: str) -> str | None: ...

    def _body(self, text: str) -> str: ...

    def problem(self, text: str | None = None) -> str | None: ...

    def refuse_if_bad(self) -> None: ...


class _CommitWatch(QObject):
    """Refuses aloud when the planner commits (Enter, or leaving the box), before Qt reverts."""

    def __init__(self, box: _Box, parent: QWidget) -> None:
        super().__init__(parent)  # the box keeps its watch alive
        self._box = box

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        kind = event.type()
        committed = kind == QEvent.Type.FocusOut or (
            kind == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in COMMIT_KEYS
        )
        if committed:
            self._box.refuse_if_bad()
        return False  # the box handles the event as always


class _Strict:
    """What both spin boxes share: parse, check range and decimals, say why not.

    A mixin whose methods name their host as :class:`_Box` (so mypy checks
    what they use); each spin box calls :meth:`_watch` once it is made.
    """

    label: str

    def _watch(self: _Box, label: str, box: QWidget) -> None:
        self.label = label  # the field's name in a refusal
        box.installEventFilter(_CommitWatch(self, box))

    def _parse(self, text: str) -> float:
        raise NotImplementedError

    def _show(self, value: float) -> str:
        raise NotImplementedError

    def _extra_rule(self, value: float, text: str) -> str | None:
        return None

    def _body(self: _Box, text: str) -> str:
        body = text
        prefix, suffix = self.prefix(), self.suffix()
        if prefix and body.startswith(prefix):
            body = body[len(prefix) :]
        if suffix and body.endswith(suffix):
            body = body[: -len(suffix)]
        return body.strip()

    def problem(self: _Box, text: str | None = None) -> str | None:
        """Why the text in the box (or `text`) cannot be stored; None when it can."""
        if text is None:
            line = self.lineEdit()
            text = line.text() if line is not None else ""
        body = self._body(text)
        try:
            value = self._parse(body)
        except ValueError as exc:
            return refusal(self.label, exc)
        low, high = self.minimum(), self.maximum()
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

    def validate(self: _Box, input: str, pos: int, /) -> State:  # noqa: A002 (Qt API)
        # never Invalid: the planner may type anything, and hears why it is refused
        ok = self.problem(input) is None
        return (QValidator.State.Acceptable if ok else QValidator.State.Intermediate, input, pos)

    def fixup(self, input: str, /) -> str:  # noqa: A002 (Qt API)
        return input  # Qt's own fixup drops separators ("10,5" -> "105"): refuse instead

    def _value_of(self: _Box, text: str) -> float:
        try:
            return self._parse(self._body(text))
        except ValueError:
            return self.value()

    def refuse_if_bad(self: _Box) -> None:
        problem = self.problem()
        if problem is not None:
            self.refused.emit(problem)


class WholeSpinBox(_Strict, QSpinBox):
    """A whole-number spin box in the locale's format (``12,500 troops``)."""

    refused = Signal(str)

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._watch(label, self)

    def valueFromText(self, text: str, /) -> int:  # noqa: N802 (Qt API)
        return round(self._value_of(text))

    def _parse(self, text: str) -> float:
        return numbers.parse_whole(text)

    def _show(self, value: float) -> str:
        return numbers.whole(int(value))

    def textFromValue(self, value: int) -> str:  # noqa: N802 (Qt API)
        return numbers.whole(value)


class NumberSpinBox(_Strict, QDoubleSpinBox):
    """A decimal spin box in the locale's format; more decimals than it keeps are refused."""

    refused = Signal(str)

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._watch(label, self)

    def valueFromText(self, text: str, /) -> float:  # noqa: N802 (Qt API)
        return self._value_of(text)

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
