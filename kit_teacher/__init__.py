"""kit_teacher: the teacher's and author's tools, kept out of the student package ``helpers``.

Run from the root of a checkout, like ``tools/``; the student edition (``make release``) and the
installed package do not carry them.

- ``python -m kit_teacher.article add FILE --id C ...``: bring your own article
  (:mod:`kit_teacher.article`; ``make article``);
- ``python -m kit_teacher.link --hub ...``: the link that opens the kit on a school's JupyterHub or
  on Binder (:mod:`kit_teacher.link`);
- ``python -m kit_teacher.summary FOLDER``: the class summary of the progress files students
  handed in (:mod:`kit_teacher.summary`).

Their messages are in ``kit_teacher/strings/`` (both languages, the same form as
``helpers/strings/``); importing this package adds that folder to the kit's catalogue, so
:func:`helpers.t` finds them. The tools use only public names of :mod:`helpers`.

Examples
--------
>>> import kit_teacher
>>> from helpers import t
>>> t("link.no_notebook", lang="id", value="x.ipynb")
'Tidak ada x.ipynb di kit ini.'
"""

from __future__ import annotations

from pathlib import Path

from helpers.i18n import add_strings

__all__ = ["STRINGS"]

#: The catalogue files of the teacher's tools.
STRINGS = Path(__file__).parent / "strings"

add_strings(STRINGS)
