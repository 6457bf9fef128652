"""Cold start of the app to its first painted main window, in a fresh process.

    python bench/startup.py DATA_DIR          (the child: starts the app on DATA_DIR)

The child runs gratitude_desktop.app.main with the event loop seam replaced: the loop
runs until the first paint event of the main window, then the child prints one JSON
line (see bench/baseline_window.py) and exits. measure() starts children of both
kinds in turn from the parent and returns seconds from spawn to first paint.
The child imports nothing of its own before the app does (not even PySide6), so the
app's modules load in the order `python -m gratitude_desktop` loads them. The window
is the real one: work the app defers until after its first paint (the agenda, the
integrity check, the daily backup, pages not shown yet) is not part of the figure.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def _child(data_dir: str) -> int:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(HERE))
    from gratitude_desktop import app as app_module

    painted: list[float | None] = [None]

    def run_until_painted(app, window) -> int:
        # Qt is imported here, once the app has imported what it needs in its own order,
        # as `python -m gratitude_desktop` does: PySide6 reads the source of every module
        # imported after it, so a harness importing it first would charge the app for that.
        from baseline_window import FirstPaint
        from PySide6.QtCore import QTimer

        watcher = FirstPaint(window, app)
        app.installEventFilter(watcher)
        QTimer.singleShot(30_000, app.quit)
        app.exec()
        painted[0] = watcher.painted_at
        return 0

    app_module.run_event_loop = run_until_painted
    code = app_module.main(["--data-dir", data_dir])
    from baseline_window import report

    report(painted[0])
    return code


def spawn(argv: list[str]) -> dict:
    """Run one child; returns its JSON plus 'seconds' from spawn to first paint."""
    import subprocess  # the parent's alone: the children's imports are what is measured

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    # An installed app starts from cached bytecode; the warm-up round writes it.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    began = time.monotonic()
    done = subprocess.run(
        [sys.executable, *argv], env=env, capture_output=True, text=True, timeout=120
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"{argv} failed ({done.returncode}): {done.stderr[-2000:]}")
    result = json.loads(lines[-1])
    result["seconds"] = result["painted_at"] - began
    return result


def measure(data_dir: Path, rounds: int) -> dict[str, list[float]]:
    """Interleaved cold starts of the app and the bare window: seconds and peak MB each."""
    out: dict[str, list[float]] = {"app_s": [], "app_mb": [], "bare_s": [], "bare_mb": []}
    spawn([str(HERE / "startup.py"), str(data_dir)])  # warm the disk cache and first backup
    for _ in range(rounds):
        bare = spawn([str(HERE / "baseline_window.py")])
        app = spawn([str(HERE / "startup.py"), str(data_dir)])
        out["bare_s"].append(bare["seconds"])
        out["bare_mb"].append(bare["peak_mb"])
        out["app_s"].append(app["seconds"])
        out["app_mb"].append(app["peak_mb"])
    return out


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    raise SystemExit(_child(sys.argv[1]))
