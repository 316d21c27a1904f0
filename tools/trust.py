"""Trust only the notebooks the kit itself built: a content-hash manifest written by ``make notebooks``.

JupyterLab runs the stored JavaScript of a *trusted* notebook (the kit's maps) as soon as it is
opened. Trusting every notebook in the folder would also trust one that a ``git pull`` or a
stranger changed. So ``make notebooks`` records the SHA-256 of each notebook it wrote in
``notebooks/TRUSTED.sha256``, and a notebook is trusted only when its content still has that hash:
as it is opened, by the server extension ``install`` puts into ``make lab``'s environment and the
Binder/hub image (:mod:`tools.trust_on_open`), or at once by ``apply``. A changed notebook opens
untrusted: its maps stay blank until its cells are run, which is Jupyter's own safe default.

Usage::

    python -m tools.trust record   # after make notebooks: write the manifest, say what is newly trusted
    python -m tools.trust apply    # sign the notebooks that match it in this user's notary database
    python -m tools.trust check    # exit 1 when the manifest is out of step with the notebooks
    python -m tools.trust install [--python PATH]   # the trust-on-open hook, into that Python's environment

``install`` is what makes the maps show on a hub, where every student's copy is new to Jupyter:
it puts :mod:`tools.trust_on_open`, a Jupyter server extension, into an environment (``make lab``'s
``.venv``, the Binder/hub image by ``postBuild``, a hub's user environment), so that a lesson opens
trusted whenever its bytes are still those the manifest beside it records.

Only the lessons' notebooks are recorded: those of the lesson table (``helpers.paths``, with the
lessons of added articles paired in ``notebooks/src/``). A notebook dropped into ``notebooks/en/``
or ``notebooks/id/`` under any other name is refused, named, and never trusted; ``record`` lists
every notebook it trusts anew (new, or changed since the last record), so nothing is blessed
without a word.

Examples
--------
>>> sorted(manifest())[0]
'en/00-start-here.ipynb'
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
from nbformat.sign import NotebookNotary

from helpers.paths import notebook_names

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
MANIFEST = NOTEBOOKS / "TRUSTED.sha256"
#: The trust-on-open hook, and the name it is installed under (a top-level module of site-packages).
HOOK, HOOK_MODULE = Path(__file__).with_name("trust_on_open.py"), "libya_kit_trust_on_open"


def notebooks(folder: Path = NOTEBOOKS) -> list[Path]:
    """The student notebooks of both editions, in a stable order."""
    return sorted(folder.glob("[a-z][a-z]/[0-9][0-9]-*.ipynb"))


def digest(path: Path) -> str:
    """SHA-256 of a file's bytes, as hex."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def manifest(path: Path = MANIFEST) -> dict[str, str]:
    """The recorded hashes: relative path (``en/00-start-here.ipynb``) -> hex digest."""
    if not path.exists():
        return {}
    entries = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        value, _, name = line.partition("  ")
        if value and name:
            entries[name] = value
    return entries


def lessons(folder: Path = NOTEBOOKS) -> set[str]:
    """The notebooks the lesson table names (``en/00-start-here.ipynb``...), added articles' lessons included.

    Examples
    --------
    >>> {"en/00-start-here.ipynb", "id/00-mulai-di-sini.ipynb"} <= lessons()
    True
    """
    src = folder / "src"
    names = notebook_names(src if src.is_dir() else None)
    return {f"{lang}/{name}.ipynb" for langs in names.values() for lang, name in langs.items()}


def record(folder: Path = NOTEBOOKS, path: Path = MANIFEST) -> tuple[list[str], list[str]]:
    """Write the manifest (``sha256sum`` format) for the lessons' notebooks in ``folder``.

    Returns the notebooks newly trusted (not in the manifest before, or changed since) and the
    ones refused (not in the lesson table), both as relative paths.
    """
    before, table = manifest(path), lessons(folder)
    found = {nb.relative_to(folder).as_posix(): digest(nb) for nb in notebooks(folder)}
    kept = {name: value for name, value in found.items() if name in table}
    lines = [f"{value}  {name}" for name, value in kept.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [name for name in kept if before.get(name) != kept[name]], sorted(set(found) - set(kept))


def apply(folder: Path = NOTEBOOKS, path: Path = MANIFEST, *, notary: NotebookNotary | None = None) -> list[Path]:
    """Trust the notebooks whose hash is in the manifest; return the ones left untrusted."""
    notary = notary or NotebookNotary()
    known = manifest(path)
    untrusted = []
    for nb_path in notebooks(folder):
        if known.get(nb_path.relative_to(folder).as_posix()) == digest(nb_path):
            notary.sign(nbformat.read(nb_path, as_version=4))
        else:
            untrusted.append(nb_path)
    return untrusted


def check(folder: Path = NOTEBOOKS, path: Path = MANIFEST) -> list[str]:
    """Problems: notebooks whose hash differs from the manifest, or that it does not list."""
    known = manifest(path)
    found = {nb.relative_to(folder).as_posix(): digest(nb) for nb in notebooks(folder)}
    problems = [f"{name}: not in {path.name}" for name in sorted(set(found) - set(known))]
    problems += [
        f"{name}: changed since `make notebooks` recorded it"
        for name in sorted(found)
        if name in known and known[name] != found[name]
    ]
    problems += [f"{name}: in {path.name} but missing" for name in sorted(set(known) - set(found))]
    return problems


def install(python: str | Path = sys.executable) -> list[Path]:
    """Install the trust-on-open hook into the environment of ``python``; return the two files written.

    The module goes into its site-packages, and a ``jupyter_server_config.d`` file that enables it
    into its ``etc/jupyter``, where every Jupyter server of that environment reads its settings.
    """
    where = subprocess.run(
        [str(python), "-c", "import sys, sysconfig; print(sys.prefix); print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    module = Path(where[1]) / f"{HOOK_MODULE}.py"
    config = Path(where[0]) / "etc" / "jupyter" / "jupyter_server_config.d" / f"{HOOK_MODULE}.json"
    shutil.copyfile(HOOK, module)
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(json.dumps({"ServerApp": {"jpserver_extensions": {HOOK_MODULE: True}}}, indent=2) + "\n")
    return [module, config]


def main(argv: list[str] | None = None) -> int:
    """Command line: ``record``, ``apply``, ``check`` or ``install``."""
    parser = argparse.ArgumentParser(
        prog="python -m tools.trust", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("command", choices=["record", "apply", "check", "install"])
    parser.add_argument(
        "--python", default=sys.executable, help="install: the environment's Python (default: this one)"
    )
    args = parser.parse_args(argv)
    if args.command == "install":
        for path in install(args.python):
            print(f"trust on open / percaya saat dibuka: {path}")
        return 0
    if args.command == "record":
        new, refused = record()
        print(f"recorded {len(manifest())} notebooks in {MANIFEST.relative_to(ROOT)}")
        for name in new:
            print(f"  newly trusted (new, or changed since the last record) / baru dipercaya: notebooks/{name}")
        for name in refused:
            print(
                f"refused, not a lesson of the kit (helpers/paths.py) / ditolak, bukan pelajaran kit: notebooks/{name}",
                file=sys.stderr,
            )
        return 1 if refused else 0
    if args.command == "check":
        problems = check()
        print("\n".join(problems) or "every notebook matches notebooks/TRUSTED.sha256")
        return 1 if problems else 0
    for nb_path in apply():
        print(
            f"not trusted, changed since the kit built it (run its cells to see its maps) / "
            f"tidak dipercaya, berubah sejak dibuat kit (jalankan sel-selnya untuk melihat peta): "
            f"{nb_path.relative_to(ROOT)}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
