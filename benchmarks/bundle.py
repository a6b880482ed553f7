"""The frozen app: its size on disk, and its start-up against the same app run from the checkout.

Starts the bundle's executable and `python -m empower_desktop` on the same large data set,
alternating, and prints the median time from process start to the first painted window and to
the first tab filled with data, and the frozen/unfrozen ratio of each (measured as in
benchmarks/startup.py). The checkout is byte-compiled first, as an installed app would be.
Goal: the Linux bundle under 150 MB.

    python benchmarks/bundle.py [--build] [--dist DIR] [--runs N]

--build (or no bundle in DIR yet) runs packaging/build.py first and reports how long it took.
"""

from __future__ import annotations

import argparse
import compileall
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "packaging"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bundle_metadata  # noqa: E402
from startup import large_data_dir, measure  # noqa: E402

SIZE_GOAL_MB = 150


def build(dist: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py"), "--dist", str(dist)], check=True)
    return time.perf_counter() - started


def bundle_size(bundle: Path) -> tuple[int, int]:
    """Bytes and files in the bundle (links count as themselves)."""
    files = [p for p in bundle.rglob("*") if p.is_file() or p.is_symlink()]
    return sum(p.lstat().st_size for p in files), len(files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--build", action="store_true", help="build the bundle first")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    exe = bundle_metadata.executable_path(args.dist)
    if args.build or not exe.is_file():
        print(f"build: {build(args.dist):.0f} s (python packaging/build.py)")

    size, files = bundle_size(bundle_metadata.bundle_path(args.dist))
    verdict = "under" if size / 1e6 < SIZE_GOAL_MB else "OVER"
    print(f"bundle: {size / 1e6:.1f} MB ({size / 2**20:.1f} MiB) in {files:,} files")
    print(f"size goal: {verdict} {SIZE_GOAL_MB} MB")

    compileall.compile_dir(ROOT / "empower_desktop", quiet=1)
    folder = large_data_dir()
    try:
        frozen = [str(exe), "--data-dir", str(folder), "--exit-on-first-paint"]
        unfrozen = [sys.executable, "-m", "empower_desktop", "--data-dir", str(folder), "--exit-on-first-paint"]
        measure(frozen)  # warm the file cache for both
        measure(unfrozen)
        runs: dict[str, list[tuple[float, float, float]]] = {"frozen": [], "unfrozen": []}
        for _ in range(args.runs):
            runs["frozen"].append(measure(frozen))
            runs["unfrozen"].append(measure(unfrozen))
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    def median(kind: str, index: int) -> float:
        return statistics.median(run[index] for run in runs[kind])

    paint_f, paint_u = median("frozen", 0), median("unfrozen", 0)
    data_f, data_u = median("frozen", 1), median("unfrozen", 1)
    mem_f, mem_u = (max(run[2] for run in runs[kind]) for kind in ("frozen", "unfrozen"))
    print(f"first paint, median of {args.runs}: frozen {paint_f * 1000:.0f} ms, unfrozen {paint_u * 1000:.0f} ms")
    print(f"first tab filled with data: frozen {data_f * 1000:.0f} ms, unfrozen {data_u * 1000:.0f} ms")
    print(f"peak memory: frozen {mem_f:.0f} MiB, unfrozen {mem_u:.0f} MiB")
    print(f"start-up ratio frozen/unfrozen: first paint {paint_f / paint_u:.2f}x, data shown {data_f / data_u:.2f}x")


if __name__ == "__main__":
    main()
