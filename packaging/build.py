"""Build the one-folder bundle with PyInstaller, then start it with --self-check.

    python packaging/build.py [--no-check]

Prints the bundle's size and build time. Needs `pip install -e ".[bundle]"`.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-check", action="store_true", help="build only")
    args = parser.parse_args()
    started = time.monotonic()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--distpath",
            str(DIST),
            "--workpath",
            str(ROOT / "build" / "pyinstaller"),
            str(ROOT / "packaging" / "gratitude.spec"),
        ],
        check=True,
    )
    took = time.monotonic() - started
    bundle = DIST / "gratitude-desktop"
    print(
        f"bundle: {bundle}  size: {folder_size(bundle) / 2**20:.1f} MiB  build time: {took:.1f} s"
    )
    if args.no_check:
        return 0
    exe = bundle / ("gratitude-desktop.exe" if os.name == "nt" else "gratitude-desktop")
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    # Run from an empty folder with no Python on PATH influence: the bundle must stand alone.
    with tempfile.TemporaryDirectory() as empty:
        env.pop("PYTHONPATH", None)
        result = subprocess.run([str(exe), "--self-check"], cwd=empty, env=env, timeout=120)
    print(f"self-check exit code: {result.returncode}")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
