"""Cost of ``import helpers`` over ``import pandas`` alone; budget: at most 0.1 s more.

Each import runs in a fresh interpreter, alternating the two so that disk caches favour
neither; the figure is the difference of the medians, and the ratio of the two medians, from one
run. Also checks that no plotting or widget library was imported.

Usage: ``.venv/bin/python -m benchmarks.import_bench`` (``make bench`` includes it).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET_SECONDS = 0.1
HEAVY = ("matplotlib", "folium", "branca", "ipywidgets")
_TIMER = (
    "import json, sys, time; t = time.perf_counter(); import {module}; dt = time.perf_counter() - t; "
    "print(json.dumps([dt, [m for m in {heavy!r} if m in sys.modules]]))"
)


def _time_import(module: str) -> tuple[float, list[str]]:
    code = _TIMER.format(module=module, heavy=HEAVY)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    seconds, loaded = json.loads(out.stdout)
    return seconds, loaded


def run(repeat: int = 7) -> dict[str, float]:
    """Return the figures (seconds) of one run of ``repeat`` alternating imports each."""
    pandas_times, helpers_times, heavy = [], [], set()
    for _ in range(repeat):
        pandas_times.append(_time_import("pandas")[0])
        seconds, loaded = _time_import("helpers")
        helpers_times.append(seconds)
        heavy.update(loaded)
    pandas_s, helpers_s = statistics.median(pandas_times), statistics.median(helpers_times)
    if heavy:
        print(f"import helpers also imported: {', '.join(sorted(heavy))} (should load on first use)")
    return {
        "import pandas (s)": round(pandas_s, 3),
        "import helpers (s)": round(helpers_s, 3),
        f"import helpers over pandas (s, budget {BUDGET_SECONDS})": round(helpers_s - pandas_s, 3),
        "import helpers / import pandas (ratio)": round(helpers_s / pandas_s, 2),
    }


def main() -> int:
    figures = run()
    for name, value in figures.items():
        print(f"{name}: {value}")
    over = figures[f"import helpers over pandas (s, budget {BUDGET_SECONDS})"]
    print("ok" if over <= BUDGET_SECONDS else "OVER BUDGET")
    return 0 if over <= BUDGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
