"""Whether a window can open here: the one check the launcher and the self-test share."""

from __future__ import annotations

import os
import sys


def has_display() -> bool:
    """Whether Qt can open a window here (a desktop, or a platform chosen by hand)."""
    if os.environ.get("QT_QPA_PLATFORM") or not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
