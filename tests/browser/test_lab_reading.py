"""Reading a lesson in JupyterLab as students have it: instructions readable, nothing lost on a narrow screen (issue 25).

The JupyterLab here has the kit's settings, as `make lab`, Binder and the hub image give them
(tools/lab_settings.py, tests/browser/harness.py): deploy/custom.css as its custom CSS and
deploy/overrides.json's settings.

- The "# ✏️ ..." instructions in code cells are drawn at 4.5:1 or more on the cell's background
  (JupyterLab's own comment colour was 4.17:1).
"""

from __future__ import annotations

import re

from tests.colour_checks import contrast_ratio

from .lab_pages import open_and_run

#: The colour of each "✏️" instruction's text, and the first opaque background behind it.
INSTRUCTIONS = """() => {
  const out = [], walker = document.createTreeWalker(document.querySelector('.jp-Notebook'), NodeFilter.SHOW_TEXT);
  const opaque = (c) => !/rgba\\(.*, 0\\)$/.test(c) && c !== 'transparent';
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.includes('\u270f') || !node.parentElement.closest('.cm-content')) continue;
    let back = 'rgb(255, 255, 255)';
    for (let p = node.parentElement; p; p = p.parentElement) {
      const b = getComputedStyle(p).backgroundColor; if (opaque(b)) { back = b; break; }
    }
    out.push({text: node.textContent.trim().slice(0, 60), colour: getComputedStyle(node.parentElement).color, back});
  }
  return out;
}"""


def _hex(css: str) -> str:
    r, g, b = (int(x) for x in re.findall(r"\d+", css)[:3])
    return f"#{r:02x}{g:02x}{b:02x}"


def test_instructions_in_code_cells_are_readable(page, lab):
    open_and_run(page, lab, "en", "07-project", workspace="reading-instructions")
    found = page.evaluate(INSTRUCTIONS)
    assert len(found) >= 2, f"no '# ✏️' instruction found in lesson 07's code cells: {found}"
    for item in found:
        ratio = contrast_ratio(_hex(item["colour"]), _hex(item["back"]))
        assert ratio >= 4.5, f"{item['text']!r}: {item['colour']} on {item['back']} is {ratio:.2f}:1"
