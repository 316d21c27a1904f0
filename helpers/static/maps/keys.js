/* The keyboard on every kit map (helpers/maps/page.py), called from the map's script once Leaflet is there.
 *
 * kitKeys: the first Tab stop is a link past the towns to the table under the map (in the figure
 * around the map's frame: the table opens and its toggle takes the focus); Escape closes a popup and
 * gives the focus back to its town; the shapes (borders, zones: they say nothing) are no Tab stops.
 *
 * kitLayers: labels the folded layer control in the map's language; Enter or a click opens it (and
 * moves the focus to the chosen date); Escape, or the focus leaving it, folds it again. An open
 * control (open = true) folds so only where the map is narrow (700 px or less: a phone, a zoomed page).
 */
function kitKeys(map, label) {
  var skip = document.createElement('a'), opener = null; skip.href = '#'; skip.className = 'kit-skip';
  skip.textContent = label; var main = document.querySelector('main') || document.body; main.insertBefore(skip, main.firstChild);
  skip.addEventListener('click', function (e) { var f = window.frameElement, box = f && f.closest('figure');
    var table = box && box.querySelector('details'); e.preventDefault();
    if (table) { table.open = true; table.querySelector('summary').focus(); } });
  map.on('popupopen', function () { opener = document.activeElement; });
  map.on('popupclose', function () { setTimeout(function () { opener = null; }); });
  document.addEventListener('keydown', function (e) { var back = opener;
    if (e.key === 'Escape' && back) { map.closePopup(); back.focus(); } });
  function calm() { document.querySelectorAll('path.leaflet-interactive').forEach(function (p) {
    p.setAttribute('tabindex', '-1'); }); }
  map.on('layeradd', calm); calm();
}

function kitLayers(control, label, open) {
  var box = control.getContainer(), link = box.querySelector('a');
  if (open && window.innerWidth > 700) return; control.collapse();
  link.title = label; link.setAttribute('aria-label', label);
  if (!open) { box.classList.add('kit-dates'); link.textContent = label; }
  link.addEventListener('click', function () { (box.querySelector('input:checked') || link).focus(); });
  box.addEventListener('keydown', function (e) { if (e.key === 'Escape') { control.collapse(); link.focus(); } });
  box.addEventListener('focusout', function (e) {
    if (!box.contains(e.relatedTarget) && !box.matches(':hover')) control.collapse(); });
}
