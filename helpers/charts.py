"""Charts of foreign backing, control over time and the timeline (matplotlib), drawn from ``data/``.

Every chart function returns a :class:`KitFigure`: a matplotlib Figure with a title, axis labels,
a source caption in the current language, the shared palette of :mod:`helpers.style`, a text
description in ``fig.alt_text`` and what it shows as a table (``fig.kit_table``; ARCHITECTURE.md
says how they are read). Figures are made without pyplot, so nothing is shown twice and nothing
global changes; ``plt.show()`` is never called.

Examples
--------
>>> fig = backing_by_side(lang="en")
>>> fig.axes[0].get_title()
'How many foreign backers gave each kind of support'
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Sequence
from typing import Any

import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from . import style
from .data import load_actors, load_article_meta, load_backing, load_control, load_events, to_timestamp
from .i18n import by_lang, get_language, t
from .style import ARTICLE_COLOURS, INK
from .text import table_html

__all__ = ["KitFigure", "new_figure", "backing_matrix", "backing_by_side", "control_over_time", "timeline"]


class KitFigure(Figure):
    """A Figure that carries ``alt_text`` and renders in notebooks as ``<img alt=...>`` plus a caption and a table."""

    alt_text: str = ""
    kit_lang: str = ""  # the language of its words (the HTML says it)
    kit_table: tuple[list[str], list[tuple[Any, ...]]] = ([], [])  # columns, rows: the facts it shows

    def describe(self, lang: str, text: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
        """Give the figure its language, its text alternative and its table (each row's first cell names it)."""
        self.kit_lang, self.alt_text, self.kit_table = lang, text, (columns, rows)

    def png_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.savefig(buffer, format="png", dpi=90, metadata={"Software": None})
        return buffer.getvalue()

    def _repr_html_(self) -> str:
        data, alt, lang = base64.b64encode(self.png_bytes()).decode(), html.escape(self.alt_text), self.kit_lang
        title = self.axes[0].get_title() if self.axes else ""
        table = table_html(t("maps.table.toggle", lang=lang or None), title, *self.kit_table)
        return (
            f'<figure lang="{lang or get_language()}" aria-label="{html.escape(title)}" style="margin:0"><img src="data:image/png;base64,{data}" alt="{alt}"'
            f' style="max-width:100%"><figcaption style="font-size:0.9em;color:{INK["line"]}">'
            f'<span aria-hidden="true">{alt}</span>{table}</figcaption></figure>'
        )

    def __repr__(self) -> str:
        return self.alt_text or super().__repr__()


def new_figure(**kwargs) -> tuple[KitFigure, object]:
    """A KitFigure with one Axes, made without pyplot (so it is not displayed twice)."""
    fig = KitFigure(**kwargs)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    return fig, ax


def _caption(fig: KitFigure, lang: str, sources: str) -> None:
    """Lay the figure out above its source line, and write the line."""
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    fig.text(
        0.01, 0.005, t("charts.caption", lang=lang, sources=sources), fontsize=7, color=INK["caption"], va="bottom"
    )


def _side_bars(side: str, hatch: str, lang: str) -> dict[str, str]:
    """How a side's bars look: its colour, a hatching (so the sides differ in grey too), its name in the legend."""
    colour = style.PALETTE[side]
    return {"color": colour, "hatch": hatch, "edgecolor": INK["paper"], "label": style.side_label(side, lang=lang)}


_STATUS_MARKER = {
    "acknowledged": ("o", True),
    "reported_un": ("s", True),
    "reported_media": ("^", True),
    "alleged_other_side": ("v", False),
    "denied": ("X", False),
}


def backing_matrix(*, lang: str | None = None) -> KitFigure:
    """Backers (grouped by the side they backed) against kinds of support, one mark per status.

    When a backing is both reported and denied, both marks are drawn side by side.

    Examples
    --------
    >>> fig = backing_matrix(lang="id")
    >>> "Wagner" in " ".join(label.get_text() for label in fig.axes[0].get_yticklabels())
    True
    """
    lang = get_language(lang)
    backing = load_backing()
    names = by_lang(load_actors().set_index("actor"), "name", lang)
    rows = backing[["side", "backer"]].drop_duplicates().astype(str).sort_values(["side", "backer"])  # GNA, then LNA
    kinds = [k for k in style.SUPPORT_ORDER if k in set(backing["support"].astype(str))]
    with style.chart_style():
        fig, ax = new_figure(figsize=(9, 0.38 * len(rows) + 2.2))
        said = backing.astype({c: str for c in ("side", "backer", "support", "status")})
        said = said.groupby(["side", "backer", "support"])["status"].agg(set)
        for y, (side, backer) in enumerate(rows.itertuples(index=False)):
            colour = style.PALETTE[side]
            for x, kind in enumerate(kinds):
                statuses = [s for s in style.STATUS_ORDER if s in said.get((side, backer, kind), ())]
                for n, status in enumerate(statuses):  # a cell's marks side by side
                    marker, filled = _STATUS_MARKER[status]
                    face, left = colour if filled else INK["paper"], x + (n - (len(statuses) - 1) / 2) * 0.22
                    ax.scatter(left, y, marker=marker, s=70, color=face, edgecolor=colour, linewidth=1.5)
        ax.set_yticks(
            range(len(rows)), [f"{names[b]} → {side}" for side, b in rows.itertuples(index=False)], parse_math=False
        )
        for label, (side, _b) in zip(ax.get_yticklabels(), rows.itertuples(index=False)):
            label.set_color(style.SIDE_TEXT[side])  # the side's colour, darkened to 4.5:1 for text
        ax.set_xticks(range(len(kinds)), [style.support_label(k, lang=lang) for k in kinds], rotation=30, ha="right")
        ax.invert_yaxis()
        ax.grid(True, color=INK["grid"])
        ax.set_xlabel(t("charts.backing_matrix.x", lang=lang))
        ax.set_ylabel(t("charts.backing_matrix.y", lang=lang))
        ax.set_title(t("charts.backing_matrix.title", lang=lang))
        handles = [
            Line2D(
                [],
                [],
                linestyle="",
                marker=_STATUS_MARKER[s][0],
                markersize=8,
                color=INK["line"] if _STATUS_MARKER[s][1] else INK["paper"],
                markeredgecolor=INK["line"],
                label=style.status_label(s, lang=lang),
            )
            for s in style.STATUS_ORDER
        ]
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
        _caption(fig, lang, "data/backing.csv")
    held, denied = rows.groupby("side").size().get, int((backing["status"].astype(str) == "denied").sum())
    alt = t("charts.backing_matrix.alt", lang=lang, denied=denied, gna=held("GNA", 0), lna=held("LNA", 0))
    label = {s: style.status_label(s, lang=lang) for s in style.STATUS_ORDER}  # strongest first
    known = {k: ", ".join(label[s] for s in label if s in v) for k, v in said.items()}
    table = [(f"{names[b]} → {side}", style.support_label(k, lang=lang), known[(side, b, k)]) for side, b, k in known]
    columns = [t(f"charts.backing_matrix.{c}", lang=lang) for c in ("y", "x", "status")]
    fig.describe(lang, alt, columns, table)
    return fig


def backing_by_side(*, lang: str | None = None) -> KitFigure:
    """For each kind of support, how many different backers gave it to each side.

    Examples
    --------
    >>> fig = backing_by_side(lang="en")
    >>> len(fig.axes[0].patches) > 0
    True
    """
    lang = get_language(lang)
    backing = load_backing()
    backing = backing.assign(side=backing["side"].astype(str), support=backing["support"].astype(str))
    counts = backing.groupby(["support", "side"])["backer"].nunique().unstack(fill_value=0)
    kinds = [k for k in style.SUPPORT_ORDER if k in counts.index]
    counts = counts.reindex(kinds).reindex(columns=["GNA", "LNA"], fill_value=0)
    with style.chart_style():
        fig, ax = new_figure(figsize=(8, 4.8))
        ys = range(len(kinds))
        for offset, side, hatch in ((-0.2, "GNA", ""), (0.2, "LNA", "//")):
            bars = ax.barh([y + offset for y in ys], counts[side], height=0.38, **_side_bars(side, hatch, lang))
            ax.bar_label(bars, padding=2, fontsize=8)
        ax.set_yticks(list(ys), [style.support_label(k, lang=lang) for k in kinds])
        ax.invert_yaxis()
        ax.set_xlabel(t("charts.backing_by_side.x", lang=lang))
        ax.set_title(t("charts.backing_by_side.title", lang=lang))
        ax.legend(loc="lower right", fontsize=8)
        _caption(fig, lang, "data/backing.csv")
    totals = backing.groupby("side")["backer"].nunique()
    alt = t("charts.backing_by_side.alt", lang=lang, gna=int(totals.get("GNA", 0)), lna=int(totals.get("LNA", 0)))
    columns = [t("charts.backing_matrix.x", lang=lang), *(style.side_label(s, lang=lang) for s in counts.columns)]
    fig.describe(lang, alt, columns, [(style.support_label(k, lang=lang), *counts.loc[k]) for k in kinds])
    return fig


def control_over_time(*, lang: str | None = None) -> KitFigure:
    """How many of the listed Libyan places each side held at each snapshot date (stacked bars).

    Examples
    --------
    >>> fig = control_over_time(lang="en")
    >>> fig.axes[0].get_ylabel()
    'number of listed places'
    """
    lang = get_language(lang)
    control = load_control()
    counts = pd.crosstab(control["date"], control["controller"].astype(str)).reindex(
        columns=list(style.PALETTE), fill_value=0
    )
    labels = [d.date().isoformat() for d in counts.index]
    with style.chart_style():
        fig, ax = new_figure(figsize=(8, 4.5))
        bottom = [0] * len(counts)
        for ctrl, hatch in zip(style.PALETTE, ("", "//", "..", "xx")):
            bars = ax.bar(labels, counts[ctrl], bottom=bottom, **_side_bars(ctrl, hatch, lang))
            ax.bar_label(
                bars,
                labels=[str(v) if v else "" for v in counts[ctrl]],
                label_type="center",
                fontsize=8,
                color=style.LETTER_INK[ctrl],
                bbox={"boxstyle": "round,pad=0.15", "facecolor": style.PALETTE[ctrl], "edgecolor": "none"},
            )
            bottom = [b + v for b, v in zip(bottom, counts[ctrl])]
        ax.set_ylabel(t("charts.control_over_time.y", lang=lang))
        ax.set_xlabel(t("charts.control_over_time.x", lang=lang))
        ax.set_title(t("charts.control_over_time.title", lang=lang))
        ax.tick_params(axis="x", rotation=30)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
        _caption(fig, lang, "data/control.csv")
    first, last = counts.iloc[0], counts.iloc[-1]
    said = {"gna1": first["GNA"], "lna1": first["LNA"], "gna2": last["GNA"], "lna2": last["LNA"]}
    alt = t("charts.control_over_time.alt", lang=lang, first=labels[0], last=labels[-1], total=first.sum(), **said)
    columns = [t("charts.control_over_time.x", lang=lang), *(style.side_label(s, lang=lang) for s in counts.columns)]
    fig.describe(lang, alt, columns, [(day, *row) for day, row in zip(labels, counts.to_numpy().tolist())])
    return fig


def timeline(
    start: str | None = None, end: str | None = None, *, hide: Sequence[str] = (), lang: str | None = None
) -> KitFigure:
    """The events of data/events.csv between two dates, with both articles' publication dates marked.

    ``hide``: event ids left out (a lesson hides the events whose day an exercise below asks for).

    Examples
    --------
    >>> fig = timeline("2019-01-01", "2020-12-31", lang="en")
    >>> "2019" in fig.alt_text
    True
    """
    lang = get_language(lang)
    events = load_events().sort_values(["date", "event"])
    lo = to_timestamp(start) if start is not None else events["date"].min()
    hi = to_timestamp(end) if end is not None else events["date"].max()
    shown = (events["date"] >= lo) & (events["date"] <= hi) & ~events["event"].isin([str(e) for e in hide])
    events = events[shown].reset_index(drop=True)
    meta = load_article_meta()
    with style.chart_style():
        fig, ax = new_figure(figsize=(10, max(3.5, 0.28 * len(events) + 1.5)))
        for n, row in events.iterrows():
            ax.plot([row["date"], row["date"]], [0, n + 1], color=INK["guide"], linewidth=0.6, zorder=1)
            ax.scatter([row["date"]], [n + 1], s=22, color=INK["line"], zorder=2)
            text = f"{row['date'].date().isoformat()}  {by_lang(row, 'title', lang)}"
            ax.annotate(
                text, (row["date"], n + 1), xytext=(5, -3), textcoords="offset points", fontsize=7.5, parse_math=False
            )
        said = []  # the articles' days, then the events: the table under the chart
        for article, colour, dash in zip(meta["article"], ARTICLE_COLOURS, style.ARTICLE_DASH):
            day = meta.set_index("article").loc[article, "published"]
            if lo <= day <= hi:
                label = t("charts.timeline.article", lang=lang, article=article, date=day.date().isoformat())
                ax.axvline(day, color=colour, linewidth=2, linestyle=dash, label=label)
                said.append((day.date().isoformat(), label))
        ax.set_ylim(0, len(events) + 1.5)
        ax.invert_yaxis()
        ax.set_yticks([])
        span = hi - lo
        ax.set_xlim(lo - span * 0.02, hi + span * 0.45)
        ax.set_xlabel(t("charts.timeline.x", lang=lang))
        ax.set_title(t("charts.timeline.title", lang=lang, start=lo.date().isoformat(), end=hi.date().isoformat()))
        if ax.get_legend_handles_labels()[0]:
            ax.legend(loc="lower right", fontsize=8)
        _caption(fig, lang, "data/events.csv, data/articles/metadata.csv")
    alt = t("charts.timeline.alt", lang=lang, n=len(events), start=lo.date().isoformat(), end=hi.date().isoformat())
    said += [(row["date"].date().isoformat(), by_lang(row, "title", lang)) for _, row in events.iterrows()]
    fig.describe(lang, alt, [t("charts.timeline.x", lang=lang), t("charts.timeline.event", lang=lang)], sorted(said))
    return fig
