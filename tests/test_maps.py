"""Maps: right places and colours, both languages, escaping, offline assets, size budgets, static twin."""

from __future__ import annotations

import html
import re
from pathlib import Path

import folium
import pytest

import helpers
from helpers import articles, data, maps, style

ROOT = Path(__file__).resolve().parent.parent


def rendered(m) -> str:
    """The map's HTML with JSON \\uXXXX escapes decoded, i.e. what the browser's scripts will see."""
    page = m.get_root().render()
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda x: chr(int(x.group(1), 16)), page)


def test_control_map_colours_known_places():
    page = rendered(maps.control_map("2020-06-10", lang="en"))
    # Tarhuna was taken by the GNA on 5 June 2020: its marker carries the GNA colour and label
    assert "Tarhuna — G: GNA (Tripoli government)" in page
    assert re.search(r'"fill": "#0072B2", "info": "[^"]*Tarhuna / Tarhuna', page)
    gharyan = rendered(maps.control_map("2019-04-10", lang="en"))
    assert re.search(r'"fill": "#D55E00", "info": "[^"]*Gharyan / Gharyan', gharyan)
    assert "Gharyan — L: LNA (Haftar&#x27;s forces)" in gharyan


def test_every_libyan_place_is_drawn():
    page = rendered(maps.control_map("2020-01-07", lang="en"))
    for name in data.load_places().query("country == 'LBY'")["name_en"]:
        assert name.replace("'", "&#x27;") in page or name in page, name


@pytest.mark.parametrize(
    "lang,words",
    [
        ("en", ["Who controlled what on 2020-06-06", "approximate", "Borders: Natural Earth"]),
        ("id", ["Siapa menguasai apa pada 2020-06-06", "perkiraan", "Batas negara: Natural Earth"]),
    ],
)
def test_legend_and_labels_follow_the_language(lang, words):
    helpers.set_language(lang)
    page = rendered(maps.control_map("2020-06-10"))
    for word in words:
        assert word in page, word
    for side in style.PALETTE:
        assert (
            style.side_label(side, lang=lang).replace("'", "&#x27;") in page
            or style.side_label(side, lang=lang) in page
        )


def test_a_map_asked_for_in_one_language_names_the_countries_in_it():
    """``lang=`` reaches the borders too, whatever language the session is in."""
    helpers.set_language("en")
    page = rendered(maps.control_map("2020-06-10", lang="id"))
    assert "Mesir" in page and "Egypt" not in page


def test_only_leaflet_is_loaded_and_folium_defaults_stay_untouched():
    before_js, before_css = list(folium.Map.default_js), list(folium.Map.default_css)
    page = rendered(maps.control_map("2020-06-10"))
    assert folium.Map.default_js == before_js and folium.Map.default_css == before_css
    assert "jquery" not in page.lower() and "bootstrap" not in page.lower() and "fontawesome" not in page.lower()
    plain = rendered(folium.Map())
    assert "jquery" in plain.lower()
    external = set(re.findall(r"https?://[^\s\"'<>)]+", page))
    allowed = {maps.CDN_JS, maps.CDN_CSS}
    others = {u for u in external if u not in allowed and "openstreetmap" not in u and "leafletjs.com" not in u}
    assert not others, others


def test_local_leaflet_copy_is_shipped_with_its_licence():
    folder = maps.asset_dir() / "leaflet"
    assert (folder / "leaflet.js").read_text()[:200].count("Leaflet 1.9.3") == 1
    assert (folder / "leaflet.css").exists() and (folder / "LICENSE").exists()


def test_loader_tries_the_local_copy_first(monkeypatch):
    page = rendered(maps.control_map("2020-06-10"))
    assert "helpers/static/" in page and "files/" in page and "../_static/" in page
    maps.set_asset_base("https://school.example/leaflet-kit/")
    try:
        assert "https://school.example/leaflet-kit/" in rendered(maps.control_map("2020-06-10"))
    finally:
        maps.set_asset_base(None)


HOSTILE_BASES = ['x"></script><script>alert(1)</script>', "javascript:alert(1)", "a'b", "/kit static/", "<img src=x>"]


@pytest.mark.parametrize("payload", HOSTILE_BASES)
def test_hostile_asset_base_is_refused_or_ignored(monkeypatch, payload):
    with pytest.raises(ValueError, match="not a web address"):
        maps.set_asset_base(payload)
    monkeypatch.setenv("KIT_ASSET_URL", payload)
    page = maps.control_map("2020-06-10").get_root().render()
    assert payload not in page and "alert(1)" not in page
    assert "document.write" not in page
    assert page.split("</head>")[0].count("window.__kitWhenLeaflet = function") == 1


def test_osm_tiles_are_optional_and_off():
    page = rendered(maps.control_map("2020-06-10"))
    layer = re.search(r"var (tile_layer_[0-9a-f]+) = L\.tileLayer\(\s*\"https://tile\.openstreetmap\.org/", page)
    assert layer, "the map offers an OpenStreetMap layer"
    assert f"{layer.group(1)}.addTo(" not in page, "the OpenStreetMap layer must be off until a student turns it on"
    assert "OpenStreetMap" in page
    assert "tile.openstreetmap.org" not in rendered(maps.control_map("2020-06-10", tiles=False))


@pytest.fixture
def evil_place(data_copy):
    places = data_copy / "places.csv"
    places.write_text(
        places.read_text().replace(
            "gharyan,Gharyan,Gharyan", "gharyan,<script>alert(1)</script>,<script>alert(1)</script>"
        )
    )


def test_names_are_escaped(evil_place):
    for m in (
        maps.control_map("2019-04-10"),
        maps.compare("2019-04-03", "2019-04-10"),
        maps.article_places("A"),
        maps.control_over_time(),
    ):
        page = rendered(m)
        assert "<script>alert(1)" not in page
        assert "&lt;script&gt;alert(1)" in page


def test_size_budgets():
    assert maps.html_size(maps.control_map("2020-06-10")) <= 200_000
    # 509,749 bytes since issue 23 added a place (al-Asaba, 37 on the maps) and its zones to all 7 dates
    assert maps.html_size(maps.control_over_time()) <= 525_000


def test_over_time_has_a_layer_per_snapshot():
    page = rendered(maps.control_over_time(lang="en"))
    for day in data.load_snapshots()["date"]:
        assert day.date().isoformat() in page


@pytest.mark.parametrize("lang,label", [("en", "Choose a date"), ("id", "Pilih tanggal")])
def test_over_time_folds_its_list_of_dates(lang, label):
    """Issue 22: the open list of dates covered the coast from Tripoli to Sirte. It starts folded to a
    button named in the map's language (a link Leaflet opens with Enter), and folds again on Escape."""
    page = rendered(maps.control_over_time(lang=lang))
    options = re.search(r"L\.control\.layers\([^{]*(\{[^}]*\})", page).group(1)
    assert '"collapsed": true' in options and '"position": "topright"' in options
    script = page[page.index("L.control.layers") :]  # it calls kitLayers (helpers/static/maps/keys.js, in the page)
    assert f'"{label}", false);' in script and "kitLayers(layer_control_" in script  # folded everywhere
    assert "link.setAttribute('aria-label', label)" in page and "'Escape'" in page and "control.collapse()" in page
    assert ".kit-dates a:focus{outline" in page
    for m in (maps.control_map("2020-06-10", lang=lang), maps.compare("2020-01-07", "2020-06-06", lang=lang)):
        other = rendered(m)  # open, and folded only where the map is narrow (issue 25: it covered a phone's map)
        assert '"collapsed": false' in other and "if (open && window.innerWidth > 700) return;" in other
        button = maps.t("maps.layers_button", lang=lang)
        assert f'"{button}", true);' in other[other.index("L.control.layers") :]


def test_compare_highlights_changes():
    page = rendered(maps.compare("2020-01-07", "2020-06-06", lang="en"))
    assert "From 2020-01-07 to 2020-06-06: 7 places changed hands" in page
    assert "LNA (Haftar&#x27;s forces) → GNA (Tripoli government)" in page


def test_article_places_quote_their_sentences():
    page = rendered(maps.article_places("B", lang="en"))
    assert "B.p04.s02" in page and "English:" in page and "Sirte" in page
    assert "Rome" in page
    assert "Tempat yang disebut berita A" in rendered(maps.article_places("A", lang="id"))
    with pytest.raises(articles.UnknownArticleError):
        maps.article_places("C")


def test_backers_map_styles_lines_by_status():
    page = rendered(maps.backers_map(lang="en"))
    assert "Ankara" in page and "Moscow" in page
    for status in ("acknowledged by the backer", "reported by UN experts", "denied by the backer"):
        assert status in page
    assert style.STATUS_DASH["reported_un"] in page


def test_static_twin():
    fig = maps.control_map_static("2020-06-10", lang="en")
    assert fig.axes[0].get_title() == "Who controlled what on 2020-06-06"
    assert "GNA" in fig.alt_text and "approximate" in fig.alt_text
    assert 'alt="Map of Libya on 2020-06-06' in fig._repr_html_()
    fig_id = maps.control_map_static("2020-06-10", lang="id")
    assert fig_id.axes[0].get_title() == "Siapa menguasai apa pada 2020-06-06"


@pytest.mark.parametrize("lang", ["en", "id"])
def test_printed_names_do_not_collide(lang):
    """Issue 22: in maps.pdf the names of Tripoli, Gharyan and Misrata were printed over each other.
    On every snapshot's printed map, no two names (main map and inset) overlap, each stays inside
    its map, and the crowded north-west is named in the inset."""
    from itertools import combinations

    for day in data.load_snapshots()["date"]:
        fig = maps.control_map_static(day, lang=lang)
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        ax = fig.axes[0]
        (inset,) = ax.child_axes
        names = [(a, text.get_text(), text.get_window_extent(renderer)) for a in (ax, inset) for text in a.texts]
        clashes = [(m, n) for (_, m, a), (_, n, b) in combinations(names, 2) if a.overlaps(b)]
        assert not clashes, (day, clashes)
        for axes, name, box in names:
            frame = axes.get_window_extent(renderer)
            assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1, name
        in_inset = {n for a, n, _ in names if a is inset}
        assert {"Tripoli", "Misrata", "Gharyan", "Zawiya", "Tarhuna"} <= in_inset, in_inset
        assert {"Benghazi", "Sirte"} <= {n for a, n, _ in names if a is ax}


@pytest.mark.parametrize("bad", [None, "tomorrow", 12])
def test_bad_dates_are_friendly(bad):
    with pytest.raises(data.DataError, match="2020-06-10"):
        maps.control_map(bad)


# --- accessibility (issue 18) -------------------------------------------------------------------


@pytest.mark.parametrize(
    "lang,frame_title,words",
    [
        (
            "en",
            "Interactive map: Who controlled what on 2020-06-06",
            ["Map of Libya on 2020-06-06", "The same facts as a table"],
        ),
        (
            "id",
            "Peta interaktif: Siapa menguasai apa pada 2020-06-06",
            ["Peta Libya pada 2020-06-06", "Fakta yang sama dalam bentuk tabel"],
        ),
    ],
)
def test_map_output_has_a_titled_frame_a_text_alternative_and_a_table(lang, frame_title, words):
    m = maps.control_map("2020-06-06", lang=lang)
    out = m._repr_html_()
    assert f'<iframe title="{frame_title}"' in out
    assert out.count("<iframe") == 1
    caption = out[out.index("<figcaption") :]
    frame = data.control_on("2020-06-06")
    counts = frame["controller"].value_counts()
    for word in words + [str(counts["GNA"]), str(counts["LNA"]), maps.t("maps.attribution", lang=lang)[:20]]:
        assert word in caption, word
    assert caption.count("<tr>") == 1 + len(frame)  # header and one row per place
    assert '<th scope="col">' in caption and '<th scope="row">' in caption
    assert f'lang="{lang}"' in out
    assert repr(m).startswith(words[0])


def test_every_map_function_describes_itself():
    for m in (
        maps.control_map("2020-06-06"),
        maps.control_over_time(),
        maps.compare("2020-01-07", "2020-06-06"),
        maps.article_places("A"),
        maps.backers_map(),
    ):
        assert m.kit_title and len(m.kit_summary) > 60 and m.kit_rows, type(m)
        assert all(len(row) == len(m.kit_columns) for row in m.kit_rows)
        page = m.get_root().render()
        assert page.startswith('<!DOCTYPE html>\n<html lang="en">') and "<title>" in page
        assert "user-scalable=no" not in page and "maximum-scale" not in page  # the reader may zoom


def test_summary_counts_match_the_data():
    m = maps.compare("2020-01-07", "2020-06-06", lang="en")
    assert f"the {len(data.changed_hands('2020-01-07', '2020-06-06'))} places that changed hands" in m.kit_summary
    assert "Tarhuna: LNA (Haftar's forces) → GNA (Tripoli government)" in m.kit_summary
    over = maps.control_over_time(lang="en")
    assert len(over.kit_columns) == 1 + len(data.load_snapshots())
    backers = maps.backers_map(lang="en")
    assert len(backers.kit_rows) == len(data.load_backing()[["backer", "side"]].drop_duplicates())


def test_as_table_matches_the_html_table_and_refuses_other_maps():
    m = maps.control_map("2020-06-06", lang="id")
    table = maps.as_table(m)
    assert list(table.columns) == list(m.kit_columns) and len(table) == len(data.control_on("2020-06-06")) == 37
    assert "Tarhuna" in set(table.iloc[:, 0])
    with pytest.raises(TypeError, match="helpers.maps"):
        maps.as_table(folium.Map())


def test_towns_carry_their_letter_in_a_contrasting_ink():
    page = rendered(maps.control_map("2020-06-10", lang="en"))
    for side, town in (("GNA", "Tarhuna"), ("LNA", "Sirte")):
        pin = (
            f'<span class=\\"kit-pin\\" style=\\"background:{style.PALETTE[side]};color:{style.LETTER_INK[side]}\\">'
            f'<span aria-hidden=\\"true\\">{style.SIDE_LETTER[side]}</span>'
            f'<span class=\\"kit-sr\\">{town} — {style.SIDE_LETTER[side]}: {html.escape(style.side_label(side, lang="en"))}</span></span>'
        )
        assert pin in page, pin
    legend = f'style="background:{style.PALETTE["LNA"]};color:{style.LETTER_INK["LNA"]}" aria-hidden="true">L</span>'
    assert legend in page


# --- zones, keys and paper (issue 25) -----------------------------------------------------------

VISIONS = ("normal", "grey", "protan", "deutan")


def test_zones_differ_in_grey_and_for_colour_blind_eyes():
    """The sides' zone colours, laid faint over the land, are 1.0-1.1:1 apart in grey (and GNA and
    "contested" almost one blue under protanopia): so each side's zones carry a pattern of their own,
    drawn in a dark ink that stands out from every zone at 3:1 or more in every vision simulated."""
    from helpers.maps.page import ZONE_PATTERNS
    from tests.colour_checks import contrast_ratio, over, simulate_colour_vision

    assert len(set(ZONE_PATTERNS.values())) == len(style.PALETTE) == len(set(style.ZONE_HATCH.values()))
    for side, colour in style.PALETTE.items():
        for name, fill, ink in (
            ("web map", over(colour, 0.28, style.INK["land"]), style.INK["line"]),  # page.ZONE_PATTERNS' tile
            ("printed map", over(colour, 0.25, style.INK["land"]), style.INK["border"]),  # printed._zone
        ):
            for vision in VISIONS:
                seen = [simulate_colour_vision(c, vision) for c in (fill, ink)]
                assert contrast_ratio(*seen) >= 3, f"{name}: {side}'s pattern on its zone, {vision}: {seen}"
    page = rendered(maps.control_map("2020-06-06", lang="en"))
    for side, path in ZONE_PATTERNS.items():
        tile = f'<pattern id="kit-zone-{side}" width="8" height="8" patternUnits="userSpaceOnUse">'
        assert tile in page and f'<path d="{path}" stroke="{style.INK["line"]}"' in page
        assert f"url(#kit-zone-{side})" in page  # the legend shows the pattern
    zones = {f["properties"]["controller"] for f in maps.layers.zones_on("2020-06-06")}
    assert all(page.count(f"url(#kit-zone-{side})") >= 2 for side in zones), "a zone drawn without its pattern"
    fig = maps.control_map_static("2020-06-06", lang="en")
    hatches = {p.get_hatch() for p in fig.axes[0].patches if p.get_hatch()}
    assert hatches == {style.ZONE_HATCH[s] for s in zones}


def test_the_map_has_a_skip_link_escape_and_no_silent_tab_stops():
    page = rendered(maps.control_map("2020-06-06", lang="id"))
    assert '"Lewati peta, langsung ke tabel fakta yang sama"' in page and "kit-skip" in page
    assert "e.key === 'Escape'" in page and "map.closePopup()" in page
    assert "p.setAttribute('tabindex', '-1')" in page  # the shapes say nothing: no Tab stops
    assert ".kit-town:focus{z-index:10000!important}" in page  # a focused town comes out of its cluster


def test_the_trust_note_is_hidden_where_the_map_shows():
    """The note sits under the map's frame; the <style> that hides it is dropped with the frame when
    the notebook is not trusted, so it shows (and is read) only then."""
    out = maps.control_map("2020-06-06", lang="en")._repr_html_()
    note = '<span class="kit-untrusted">The map shows once this'
    assert note in out and out.index(note) < out.index("<iframe") and "<style>.kit-untrusted{display:none}" in out
    assert "Make this Notebook Trusted" not in out


@pytest.mark.parametrize("lang", ["en", "id"])
def test_handout_maps_print_large_enough_and_say_their_facts(lang):
    """maps.pdf prints one map a page at MAP_WIDTH_MM: towns 3 mm across or more, legend and names at
    8 pt or more; its caption and alt text give the counts and every town by side."""
    from helpers.maps.printed import _NAME, _SYMBOL
    from tools.handouts.materials import MAP_WIDTH_MM, _map_svg, _maps

    svg, alt, towns = _map_svg("2020-06-06", lang)
    width_pt = float(re.search(rb'<svg[^>]* width="([\d.]+)pt"', svg).group(1))
    scale = MAP_WIDTH_MM / (width_pt * 25.4 / 72)
    assert _SYMBOL["s"] ** 0.5 * scale * 25.4 / 72 >= 3, "a town's symbol is under 3 mm across"
    legend = maps.control_map_static("2020-06-06", lang=lang).axes[0].get_legend()
    assert min(t.get_fontsize() for t in legend.get_texts()) * scale >= 8
    assert _NAME["fontsize"] * scale >= 8
    frame = data.control_on("2020-06-06")
    counts = frame["controller"].astype(str).value_counts()
    assert str(counts["GNA"]) in alt and str(counts["LNA"]) in alt
    for _, town in frame.iterrows():
        assert town[f"name_{lang}"] in towns, town["place"]
    page = _maps(lang)
    assert page.count("<figure>") == len(data.load_snapshots()) == page.count('class="maps pagebreak"') + 1
    assert html.escape(alt) in page and f'alt="{html.escape(alt)}"' in page
