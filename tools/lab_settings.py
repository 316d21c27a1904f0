"""The kit's JupyterLab settings, written by `make lab` (in the edition's language) and Binder's postBuild.

- ``share/jupyter/lab/settings/overrides.json`` of an environment holds the defaults of JupyterLab's
  settings: deploy/overrides.json (no news prompt, no update check) and the interface language,
  Indonesian (``id_ID``, from the language pack ``jupyterlab-language-pack-id-ID`` of the ``lab``
  extra) for the Indonesian edition, English otherwise. JupyterLab then marks its page
  ``lang="id-ID"``, so a screen reader reads the Indonesian edition's text cells as Indonesian. A
  student's own choice (Settings > Language) still wins: overrides are only defaults.
- deploy/custom.css, the readable code colours (the "# ✏️ ..." instructions at 4.5:1, as on the
  static site), becomes JupyterLab's custom CSS: copied where the server looks for it (its
  ``static/custom`` folder) and switched on (``LabApp.custom_css`` in ``etc/jupyter/jupyter_lab_config.json``).

Usage: ``python -m tools.lab_settings [--lang id] [--prefix PREFIX]`` (the prefix of the environment
JupyterLab runs in; default: this interpreter's).

Examples
--------
>>> overrides("id")["@jupyterlab/translation-extension:plugin"]
{'locale': 'id_ID'}
>>> overrides("en")["@jupyterlab/apputils-extension:notification"]["checkForUpdates"]
False
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: JupyterLab's locale for each edition: the Indonesian language pack's, or JupyterLab's own English.
LOCALES = {"id": "id_ID", "en": "en"}


def overrides(lang: str) -> dict:
    """deploy/overrides.json with the interface language of edition ``lang``."""
    settings = json.loads((ROOT / "deploy" / "overrides.json").read_text(encoding="utf-8"))
    settings["@jupyterlab/translation-extension:plugin"] = {"locale": LOCALES.get(lang, "en")}
    return settings


def install(lang: str, prefix: Path, custom: Path | None = None) -> Path:
    """Write the overrides of edition ``lang`` and switch the custom CSS on in the environment at
    ``prefix``; copy the CSS into ``custom`` (default: this environment's server's folder). Returns the overrides."""
    target = prefix / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(overrides(lang), indent=2) + "\n", encoding="utf-8")
    config = prefix / "etc" / "jupyter" / "jupyter_lab_config.json"
    settings = json.loads(config.read_text(encoding="utf-8")) if config.exists() else {}
    settings.setdefault("LabApp", {})["custom_css"] = True
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")
    if custom is None:
        import jupyter_server

        custom = Path(jupyter_server.__file__).parent / "static" / "custom"
    custom.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ROOT / "deploy" / "custom.css", custom / "custom.css")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.lab_settings", description=__doc__.split("\n")[0])
    parser.add_argument("--lang", choices=sorted(LOCALES), default="en", help="the edition (default: en)")
    parser.add_argument("--prefix", type=Path, default=Path(sys.prefix), help="the environment (default: this one)")
    args = parser.parse_args(argv)
    print(f"JupyterLab settings: {install(args.lang, args.prefix)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
