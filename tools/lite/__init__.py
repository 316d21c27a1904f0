"""``make lite``: the kit as a JupyterLite site, every lesson running in the student's browser.

Usage::

    python -m tools.lite                        # build/lite/ from build/student/ (make release)
    python -m tools.lite --pyodide-source pip:open-webui==0.12.4   # Pyodide's packages from elsewhere
    python -m tools.lite --fetch-only ...       # only the downloads, into ~/.cache/libya-kit/lite (.ci/run)

(``make lite``, ``make lite PYODIDE_SOURCE=...``.)

The site (:mod:`tools.lite.site`) holds the student edition's notebooks in both languages, its
``helpers``, ``data`` and sealed question banks, JupyterLab with the kit's settings (no news prompt),
ipywidgets, and a Pyodide kernel whose runtime and packages are the site's own files
(:mod:`tools.lite.pyodide`: each one checked against Pyodide's official ``pyodide-lock.json`` or
the sha256 pinned in ``requirements/lite-pyodide.txt``). Downloads are kept in
``~/.cache/libya-kit/lite``; the build tools live in ``.venv/lite-<key>`` (``requirements/lite.txt``).
Serve the folder over HTTPS or on localhost (the README says how): JupyterLite's service worker,
which its file system needs, runs nowhere else.
"""

from tools.lite.pyodide import OFFICIAL_ARCHIVE, PYODIDE_VERSION, FetchError, VerificationError, assemble, fetch, verify
from tools.lite.site import build_env, build_site, lite_config

__all__ = [
    "OFFICIAL_ARCHIVE",
    "PYODIDE_VERSION",
    "FetchError",
    "VerificationError",
    "assemble",
    "build_env",
    "build_site",
    "fetch",
    "lite_config",
    "verify",
]
