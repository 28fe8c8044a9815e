"""What stops a run: SIGINT and SIGTERM, from the C module (the ``signal``
module builds enums at import, milliseconds before the command line can
handle a Ctrl-C and of every one-note run).

The command line's handler (``interrupt``) raises ``Interrupted`` wherever
the run is, and remembers the signal: code the exception passes through may
turn it into another one (an extension module being imported makes it a
``RuntimeError`` or a panic), or a catch-all may swallow it. ``check`` says
whether a stop came all the same; the engine asks between notes, the
command line before it calls anything an error."""

from __future__ import annotations

try:
    import _signal as signal
except ImportError:  # pragma: no cover - another Python implementation
    import signal  # type: ignore[no-redef]

TYPE_CHECKING = False  # not typing's: it costs milliseconds before the handlers are in place
if TYPE_CHECKING:
    from types import FrameType
    from typing import NoReturn

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)

__all__ = ["STOP_SIGNALS", "Interrupted", "check", "forget", "interrupt", "received", "signal"]

_received: int | None = None


class Interrupted(BaseException):
    """SIGINT or SIGTERM arrived: the run stops where it is (a note being
    written is finished first: the engine holds these signals back then)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def interrupt(signum: int, frame: FrameType | None) -> NoReturn:
    """The handler of the stop signals: one stop is enough (a second signal
    while stopping is ignored)."""
    global _received
    for other in STOP_SIGNALS:
        signal.signal(other, signal.SIG_IGN)
    _received = signum
    raise Interrupted(signum)


def received() -> int | None:
    """The stop signal this run received, if one came."""
    return _received


def check() -> None:
    """Raise ``Interrupted`` when a stop signal came, whatever became of the
    exception its handler raised."""
    if _received is not None:
        raise Interrupted(_received)


def forget() -> None:
    """A new run (the Python API may run the command line again in one process)."""
    global _received
    _received = None
