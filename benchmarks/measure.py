"""Run the command line in a child process and measure it: wall time and
the child's own peak resident memory (``wait4``'s resource usage)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Measurement:
    seconds: float
    peak_mb: float  # the child's maximum resident set size
    returncode: int
    stdout: str
    stderr: str


def measure(*args: str | Path, cwd: Path | None = None, python_options: tuple[str, ...] = ()) -> Measurement:
    """``python [options] -m vault_lint ARGS``, waited for with ``os.wait4``
    so that the memory figure is this child's alone (with the processes it
    started and waited for: the largest of them)."""
    return measure_command([sys.executable, *python_options, "-m", "vault_lint", *map(str, args)], cwd=cwd)


def measure_command(command: list[str], cwd: Path | None = None) -> Measurement:
    """Any command, measured as ``measure`` does."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        out.seek(0)
        err.seek(0)
        return Measurement(seconds, usage.ru_maxrss / 1024, process.returncode,
                           out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"))
