"""Reading a lesson in JupyterLab as students have it: instructions readable, nothing lost on a narrow screen (issue 25).

The JupyterLab here has the kit's settings, as `make lab`, Binder and the hub image give them
(tools/lab_settings.py, tests/browser/harness.py): deploy/custom.css as its custom CSS and
deploy/overrides.json's settings.

- The "# ✏️ ..." instructions in code cells are drawn at 4.5:1 or more on the cell's background
  (JupyterLab's own comment colour was 4.17:1).
- At 320 CSS px wide, and at 200% zoom of a 1280 px window (640 CSS px), a lesson reflows without
  loss (WCAG 1.4.10): with the file browser closed, no code cell is cut off (its lines wrap), the
  page does not scroll sideways, and on every map the legend lies under the map, not on it, and
  the list of layers is folded to a button.
"""

from __future__ import annotations

import re

import pytest

from tests.colour_checks import contrast_ratio

from .lab_pages import leaflet_frames, open_and_run, wait_for_maps

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


#: How far each map's legend and list of layers lie on the map itself (0: beside it), and the map's size.
COVERED = """() => {
  const map = document.querySelector('.folium-map').getBoundingClientRect();
  const over = (e) => { if (!e) return 0; const r = e.getBoundingClientRect();
    const w = Math.max(0, Math.min(r.right, map.right) - Math.max(r.left, map.left));
    const h = Math.max(0, Math.min(r.bottom, map.bottom) - Math.max(r.top, map.top));
    return w * h / (map.width * map.height); };
  return {legend: over(document.querySelector('.kit-legend')),
          layers: over(document.querySelector('.leaflet-control-layers')),
          open: !!document.querySelector('.leaflet-control-layers-expanded'), width: map.width, height: map.height};
}"""


@pytest.mark.parametrize(("width", "height", "scale"), [(320, 640, 1), (640, 450, 2)], ids=["320px", "200%"])
def test_a_lesson_reflows_on_a_narrow_screen(page, lab, width, height, scale):
    page.set_viewport_size({"width": width, "height": height})
    open_and_run(page, lab, "en", "00-start-here", workspace=f"reading-{width}")
    if not page.evaluate("window.jupyterapp.shell.leftCollapsed"):  # as a student does: close the file browser
        page.evaluate("window.jupyterapp.commands.execute('application:toggle-left-area')")
        page.wait_for_timeout(500)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "the page scrolls sideways"
    cut = page.evaluate(
        """() => [...document.querySelectorAll('.jp-CodeCell .cm-scroller')]
        .filter(s => s.scrollWidth > s.clientWidth + 1).map(s => s.innerText.slice(0, 50))"""
    )
    assert not cut, f"code cells cut off at {width} px: {cut}"
    for figure in page.locator("figure.kit-map").all():
        figure.scroll_into_view_if_needed()
    wait_for_maps(page)
    frames = leaflet_frames(page)
    assert frames, "no map drew"
    for frame in frames:
        covered = frame.evaluate(COVERED)
        assert covered["height"] >= 120, f"the map is squeezed to {covered}"
        assert covered["legend"] == 0, f"the legend lies on the map: {covered}"
        assert not covered["open"] and covered["layers"] < 0.12, f"the list of layers covers the map: {covered}"
