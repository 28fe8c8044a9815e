"""Long-run fuzzing outside CI: the property of ``tests/test_fuzz.py`` for
as long as you like, on new examples each time.

    python fuzz/longrun.py --minutes 10            # notes built from parts
    python fuzz/longrun.py --minutes 10 --bytes    # raw bytes

A failure is shrunk by hypothesis and printed with the note's bytes; the
example is also written to ``fuzz/failures/`` so it can be replayed with
``python fuzz/longrun.py --replay FILE``.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from test_fuzz import check_note, note_bytes  # noqa: E402 - needs the path above

FAILURES = HERE / "failures"


def keep(data: bytes) -> Path:
    FAILURES.mkdir(exist_ok=True)
    path = FAILURES / f"{hashlib.sha1(data).hexdigest()[:12]}.bin"
    path.write_bytes(data)
    return path


def run(minutes: float, raw: bool) -> int:
    strategy = st.binary(max_size=4000) if raw else note_bytes()
    deadline = time.monotonic() + minutes * 60
    batches = examples = 0
    while time.monotonic() < deadline:
        @settings(max_examples=500, deadline=None, database=None, derandomize=False,
                  suppress_health_check=list(HealthCheck), phases=[Phase.generate, Phase.shrink])
        @given(strategy)
        def batch(data: bytes) -> None:
            try:
                check_note(data)
            except BaseException:
                print(f"failing note kept in {keep(data)}", file=sys.stderr)
                raise

        try:
            batch()
        except Exception:  # noqa: BLE001 - reported, then the run stops
            traceback.print_exc()
            return 1
        batches += 1
        examples += 500
        print(f"{examples:,} notes, no failure ({deadline - time.monotonic():.0f} s left)", flush=True)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--bytes", action="store_true", help="fuzz raw bytes rather than built notes")
    parser.add_argument("--replay", type=Path, help="check one kept failure again")
    args = parser.parse_args()
    if args.replay:
        check_note(args.replay.read_bytes())
        print("passes")
        return 0
    return run(args.minutes, args.bytes)


if __name__ == "__main__":
    sys.exit(main())
