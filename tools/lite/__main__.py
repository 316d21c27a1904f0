"""``python -m tools.lite``: build the JupyterLite site (see :mod:`tools.lite`)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from tools.lite.pyodide import OFFICIAL_ARCHIVE, FetchError, VerificationError, cache_lock, fetch
from tools.lite.site import build_env, build_site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.lite", description=__doc__)
    parser.add_argument("--student", default="build/student", help="the student edition (make release)")
    parser.add_argument("--out", default="build/lite", help="where the site goes (default: build/lite)")
    parser.add_argument(
        "--pyodide-source",
        default=os.environ.get("KIT_PYODIDE_SOURCE") or OFFICIAL_ARCHIVE,
        help="where Pyodide's packages come from: the official release archive (default), or a folder, archive, "
        "zip, address or pip:NAME==VERSION whose files match the official pyodide-lock.json",
    )
    parser.add_argument("--fetch-only", action="store_true", help="only download what the build needs (.ci/run)")
    args = parser.parse_args(argv)
    try:
        if args.fetch_only:
            with cache_lock():
                fetch(args.pyodide_source)
                print(
                    f"fetched what make lite needs, with Pyodide's packages from {args.pyodide_source}: {build_env()}"
                )
            return 0
        out = build_site(Path(args.student), Path(args.out), source=args.pyodide_source)
    except FetchError as exc:
        print(f"make lite: a download failed (is PyPI / npm / the source reachable?): {exc}", file=sys.stderr)
        return 3
    except VerificationError as exc:
        print(f"make lite: {exc}", file=sys.stderr)
        return 1
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"built {out} ({size / 1e6:.0f} MB): serve it over HTTPS or on localhost (README)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
