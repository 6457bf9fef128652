"""A longer kill soak: `python tests/soak/kill_soak.py [ROUNDS] [SEED]` (default 300 rounds).

Not collected by pytest (the name does not start with test_); the normal suite runs
20 rounds in tests/store/test_crash_safety.py.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.store.test_crash_safety import kill_rounds  # noqa: E402


def main() -> int:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else int(time.time())
    with tempfile.TemporaryDirectory() as tmp:
        began = time.monotonic()
        kills, finished = kill_rounds(Path(tmp), rounds, seed)
    print(f"{rounds} rounds (seed {seed}): {kills} killed, {finished} finished, "
          f"journal whole every time; {time.monotonic() - began:.0f} s")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
