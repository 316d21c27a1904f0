"""Print the kit's speed and size figures, one per line.

Usage: ``make bench`` (or ``.venv/bin/python -m benchmarks.run [--repeat N] [NN-slug ...]``).

Figures:

- ``floor``: wall time of a bare kernel that starts and imports pandas, matplotlib, folium and
  ipywidgets (what any lesson pays before running a cell of its own);
- per notebook: wall time to execute it with nbclient (kernel start included), the difference and
  ratio to the floor, and the peak resident memory of its kernel process;
- ``import helpers``: time to import the package in a fresh interpreter;
- the figures of the other benchmark modules in this folder (map sizes, quiz build time, browser
  time to a drawn map, the JupyterLite site's size and its cold and warm times in Chromium:
  ``lite_bench.py``, after ``make lite``) when they are present;
- ``summary_bench``: the teacher's class summary over 1,000 handed-in files, 50 of them hostile,
  from the command line (budget 2 s, issue 13).

Budgets (issue 7): each lesson runs in under floor + 3 s, and its kernel peaks under 200 MB.
Times are medians of ``--repeat`` runs (default 3).
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import nbformat
import psutil
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
FLOOR_CODE = "import pandas, matplotlib, matplotlib.pyplot, folium, ipywidgets"
BUDGET_SECONDS_OVER_FLOOR = 3.0
BUDGET_PEAK_MB = 200.0


class _PeakSampler(threading.Thread):
    """Samples the resident memory of a process tree until stopped; keeps the peak."""

    def __init__(self, pid: int, interval: float = 0.02):
        super().__init__(daemon=True)
        self.proc = psutil.Process(pid)
        self.interval = interval
        self.peak = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            try:
                procs = [self.proc, *self.proc.children(recursive=True)]
                self.peak = max(self.peak, sum(p.memory_info().rss for p in procs))
            except psutil.Error:
                pass
            time.sleep(self.interval)

    def stop(self) -> int:
        self._stop_event.set()
        self.join()
        return self.peak


def run_notebook(nb: nbformat.NotebookNode, cwd: Path) -> tuple[float, float]:
    """Execute a notebook; return (wall seconds including kernel start, peak kernel MB)."""
    client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(cwd)}})
    start = time.perf_counter()
    with client.setup_kernel():
        sampler = _PeakSampler(client.km.provisioner.process.pid)
        sampler.start()
        try:
            for index, cell in enumerate(nb.cells):
                client.execute_cell(cell, index)
        finally:
            peak = sampler.stop()
    return time.perf_counter() - start, peak / 1e6


def floor_notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell(FLOOR_CODE))
    return nb


def import_time() -> float:
    out = subprocess.run(
        [sys.executable, "-c", "import time; t = time.perf_counter(); import helpers; print(time.perf_counter() - t)"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return float(out.stdout.strip())


def notebooks(slugs: list[str]) -> list[Path]:
    paths = sorted((ROOT / "notebooks").glob("[a-z][a-z]/[0-9][0-9]-*.ipynb"))
    return [p for p in paths if not slugs or p.stem in slugs]


def extra_figures() -> dict[str, float]:
    """Figures from benchmarks/*_bench.py modules that expose run() -> dict."""
    figures: dict[str, float] = {}
    for path in sorted((ROOT / "benchmarks").glob("*_bench.py")):
        module = importlib.import_module(f"benchmarks.{path.stem}")
        try:
            figures.update(module.run())
        except Exception as exc:  # a benchmark that cannot run here says why, and the rest go on
            print(f"{path.stem}: not measured ({type(exc).__name__}: {exc})")
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("slugs", nargs="*", help="only these lessons (NN-slug), default all")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-extras", action="store_true", help="skip map, quiz and browser figures")
    args = parser.parse_args(argv)

    floors = [run_notebook(floor_notebook(), ROOT)[0] for _ in range(args.repeat)]
    floor = statistics.median(floors)
    floor_mb = run_notebook(floor_notebook(), ROOT)[1]
    print(f"floor (bare kernel + pandas, matplotlib, folium, ipywidgets): {floor:.2f} s, peak {floor_mb:.0f} MB")
    over_budget = []
    for path in notebooks(args.slugs):
        runs = [run_notebook(nbformat.read(path, as_version=4), path.parent) for _ in range(args.repeat)]
        wall = statistics.median(r[0] for r in runs)
        peak = max(r[1] for r in runs)
        name = f"{path.parent.name}/{path.name}"
        ok = wall - floor <= BUDGET_SECONDS_OVER_FLOOR and peak <= BUDGET_PEAK_MB
        if not ok:
            over_budget.append(name)
        print(
            f"notebook {name}: {wall:.2f} s (floor +{wall - floor:.2f} s, x{wall / floor:.2f}), "
            f"kernel peak {peak:.0f} MB {'ok' if ok else 'OVER BUDGET'}"
        )
    print(f"import helpers: {statistics.median(import_time() for _ in range(args.repeat)):.3f} s")
    if not args.no_extras:
        for key, value in extra_figures().items():
            print(f"{key}: {value:,.3f}" if isinstance(value, float) else f"{key}: {value:,}")
    print(
        f"budgets: each notebook <= floor + {BUDGET_SECONDS_OVER_FLOOR:.0f} s and <= {BUDGET_PEAK_MB:.0f} MB; "
        + (f"over budget: {', '.join(over_budget)}" if over_budget else "all within budget")
    )
    return 1 if over_budget else 0


if __name__ == "__main__":
    sys.exit(main())
