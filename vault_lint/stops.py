"""The signals that stop a run (SIGINT, SIGTERM), from the C module: the
``signal`` module builds enums at import, milliseconds before the command
line can handle a Ctrl-C and of every one-note run."""

from __future__ import annotations

try:
    import _signal as signal
except ImportError:  # pragma: no cover - another Python implementation
    import signal  # type: ignore[no-redef]

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)

__all__ = ["STOP_SIGNALS", "signal"]
