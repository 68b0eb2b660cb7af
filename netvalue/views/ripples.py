"""The ripples page (Ringe i vandet) as data: the plain facts of the selection, how network work spread over
time and across the organisation, the animated rings of one network or all, and the budding families.

Every window from one month to the whole history reads right: sentences name the months they cover, time
axes name months, and a line of one point shows as a point."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from netvalue import explain, formats, scoring, spread
from netvalue import keyfigures as kf
from netvalue.charts import ripples as charts
from netvalue.filters import Filters
from netvalue.i18n import t
from netvalue.orgtree import org_tree
from netvalue.views import Source
from netvalue.views.selection import Selection, select
from netvalue.windows import Window, add_months, month_label

ALL = ""  # the "all networks" choice of the rings and the budding families
RING_STEPS: tuple[str, ...] = ("month", "quarter")  # the rings' time steps (spread.MONTHS_PER_PERIOD)
TREE_COLOURS: tuple[str, ...] = ("networks", "value")  # what colours the treemap
EVENTS_BY_MONTH = 24  # windows up to this many months count starts and ends per month, longer ones per quarter
MAX_FAMILY_ROWS = 60


@dataclass(frozen=True)
class RipplesView:
    selection: Selection
    names: dict[str, str]  # network_id -> name, of the selected networks
    metrics: tuple[tuple[str, str], ...]  # (label, value) of the four plain-fact metrics
    units_reached: int  # keyfigures.units_reached: the overview's "Enheder nået" for the same filters
    units_total: int
    fact_lines: tuple[str, ...]  # Markdown sentences, user text escaped
    spread: go.Figure | None
    events: go.Figure | None
    heatmap: go.Figure | None
    by_generation: pd.DataFrame  # localised headers
    by_origin: pd.DataFrame
    mean_column: str  # the header of the mean-value column of both tables
    budding_answer: str | None

    @property
    def empty_reason(self) -> str | None:
        return self.selection.empty_reason

    @property
    def ids(self) -> tuple[str, ...]:
        return self.selection.ids


@dataclass(frozen=True)
class RingsView:
    network: str  # ALL or a selected network
    step: str
    title: str
    figure: go.Figure | None


@dataclass(frozen=True)
class BuddingView:
    network: str
    figure: go.Figure | None
    empty_text: str | None  # why there is no family to show


def _pct(x: float, lang: str) -> str:
    return formats.percent(x, lang)


def _months_window(start: pd.Timestamp, months: int) -> Window:
    s = pd.Timestamp(start).date()
    return Window(s, add_months(s, months - 1))


def _selected_part(src: Source, sel: Selection) -> pd.DataFrame:
    part = src.table("participation")
    return part[part["network_id"].isin(sel.networks["network_id"])]


def _links(src: Source, sel: Selection, tree: pd.DataFrame, step: str,
           only: list[str] | None = None) -> pd.DataFrame:
    """Active (period, network, unit) links of the selected networks (or of only these) in the window, with
    their ring."""
    win = sel.window
    assert win is not None
    part = _selected_part(src, sel)
    if only is not None:
        part = part[part["network_id"].isin(only)]
    links = spread.active_links(part, win.start, win.end, step)
    return spread.rings(links, src.table("networks"), tree)


def _facts(f: Filters, facts: dict, n_networks: int) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    L = f.lang
    fm = int(facts["first_year_months"])
    first = _months_window(facts["first_year_from"], fm)
    if fm == 12:
        first_label = t("ripples.metric.first_year", L)
    elif fm == 1:
        first_label = t("ripples.metric.first_month", L)
    else:
        first_label = t("ripples.metric.first_months", L, months=fm)
    metrics = (
        (t("ripples.metric.networks", L), str(n_networks)),
        (first_label, str(facts["first_year_networks"])),
        (t("ripples.metric.reached", L), f"{facts['units_reached']} / {facts['units_total']}"),
        (t("ripples.metric.never", L), _pct(facts["never_reached_share"], L)),
    )
    n_first = int(facts["first_year_networks"])
    if fm == 12:  # a year: the words the page always used
        first_line = t("ripples.facts.first_year", L, n=n_first,
                       start=month_label(first.start, L), end=month_label(first.end, L))
    else:
        first_line = t("ripples.facts.first_month" if fm == 1 else "ripples.facts.first_months", L,
                       n=n_first, months=fm, window=first.label(L))
    lines = [
        first_line,
        t("ripples.facts.units", L, reached=facts["units_reached"], total=facts["units_total"],
          never=_pct(facts["never_reached_share"], L)),
    ]
    if facts["top_unit"]:
        lines.append(t("ripples.facts.top_unit", L,
                       unit=explain.escape_markdown(facts["top_unit"]), n=facts["top_unit_networks"]))
    lm = int(facts["last_year_months"])
    lw = _months_window(facts["last_year_from"], lm)
    last = {"months": lm, "window": lw.label(L), "start": month_label(lw.start, L), "end": month_label(lw.end, L)}
    suffix = "" if lm == 12 else ("_month" if lm == 1 else "_months")  # "" : "the last year"
    if facts["top_rings"]:
        rings_text = t("ripples.facts.and", L).join(t(f"ripples.ring.{r}", L) for r in facts["top_rings"])
        per_ring = ", ".join(f"{r}: {n}" for r, n in facts["growth"].items())
        lines.append(t(f"ripples.facts.growth{suffix}", L, rings=rings_text,
                       n=facts["growth"][facts["top_rings"][0]], per_ring=per_ring, **last))
    else:
        lines.append(t(f"ripples.facts.no_growth{suffix}", L, **last))
    return metrics, tuple(lines)


def _budding_tables(f: Filters, buds: pd.DataFrame, scores: pd.DataFrame,
                    ids: tuple[str, ...]) -> tuple[pd.DataFrame, pd.DataFrame, str, str | None]:
    L = f.lang
    mine = buds[buds["network_id"].isin(ids)]
    by_gen = spread.value_by(mine, scores, "generation")
    by_origin = spread.value_by(mine, scores, "origin")
    cols = {"n": t("ripples.budding.n", L), "n_scored": t("ripples.budding.n_scored", L),
            "mean_overall": t("ripples.budding.mean", L)}
    answer = None
    o = by_origin.set_index("origin")
    if {"new", "from_ended"} <= set(o.index) and o.loc["new", "n_scored"] and o.loc["from_ended", "n_scored"]:
        answer = t("ripples.budding.answer", L, bud=formats.number(o.loc["from_ended", "mean_overall"], L),
                   n_bud=int(o.loc["from_ended", "n_scored"]), new=formats.number(o.loc["new", "mean_overall"], L),
                   n_new=int(o.loc["new", "n_scored"]))
    gen = by_gen.rename(columns={"generation": t("ripples.budding.generation", L), **cols})
    origin = (by_origin.assign(origin=[t(f"ripples.origin.{x}", L) for x in by_origin["origin"]])
              .rename(columns={"origin": t("ripples.budding.origin", L), **cols}))
    return gen, origin, cols["mean_overall"], answer


def ripples_view(src: Source, f: Filters) -> RipplesView:
    """The page around the rings: facts, spread over time, units, the budding tables."""
    sel = select(src, f)
    if sel.empty:
        empty = pd.DataFrame()
        return RipplesView(sel, {}, (), 0, 0, (), None, None, None, empty, empty, "", None)
    win = sel.window
    assert win is not None
    L = f.lang
    networks_all = src.table("networks")
    tree = org_tree(src.table("org_units"))
    selected = sel.networks
    ring_part = spread.rings(_selected_part(src, sel), networks_all, tree)
    facts = spread.plain_facts(selected, ring_part, tree, win.start, win.end, sel.scope)
    metrics, lines = _facts(f, facts, len(selected))
    links = _links(src, sel, tree, "month")
    months = spread.periods(win.start, win.end, "month")
    running = spread.active_networks(selected, win.start, win.end, "month")
    ev_step = "month" if win.months <= EVENTS_BY_MONTH else "quarter"
    gen, origin, mean_col, answer = _budding_tables(f, spread.budding(networks_all), sel.scores, sel.ids)
    return RipplesView(
        selection=sel,
        names=dict(zip(selected["network_id"], selected["name"], strict=True)),
        metrics=metrics, units_reached=int(facts["units_reached"]), units_total=int(facts["units_total"]),
        fact_lines=lines,
        spread=charts.spread_chart(spread.spread_over_time(selected, running, links, tree, months, sel.scope), L),
        events=charts.events_chart(spread.network_events(selected, spread.periods(win.start, win.end, ev_step),
                                                         ev_step), L, ev_step),
        heatmap=charts.activity_heatmap(spread.unit_activity(links, tree, months, sel.scope), L),
        by_generation=gen, by_origin=origin, mean_column=mean_col, budding_answer=answer,
    )


def _choice(sel: Selection, network: str | None) -> str:
    return network if network and network in set(sel.networks["network_id"]) else ALL


def rings_view(src: Source, f: Filters, network: str | None = ALL, step: str = "month") -> RingsView:
    """The animated rings of one selected network (its lifetime in the window) or of all of them."""
    sel = select(src, f)
    step = step if step in RING_STEPS else "month"
    choice = _choice(sel, network)
    title = t("ripples.all_networks", f.lang)
    if sel.empty:
        return RingsView(choice, step, title, None)
    win = sel.window
    assert win is not None
    tree = org_tree(src.table("org_units"))
    shown = [choice] if choice else list(sel.ids)
    links = _links(src, sel, tree, step, shown if choice else None)
    chosen = sel.networks[sel.networks["network_id"].isin(shown)]
    r_start, r_end = spread.lifetime(chosen, win.start, win.end) if choice else (win.start, win.end)
    running = spread.active_networks(chosen, r_start, r_end, step)
    ring_df = spread.ring_spread(links, spread.ring_places(chosen, tree), running,
                                 spread.periods(r_start, r_end, step))
    if choice:
        title = f"{choice} {dict(zip(sel.networks['network_id'], sel.networks['name'], strict=True))[choice]}"
    return RingsView(choice, step, title, charts.ripple_chart(ring_df, f.lang, step, title, per_network=not choice))


def tree_view(src: Source, f: Filters, colour_by: str = "networks") -> go.Figure | None:
    """The organisation as a treemap of the networks taking part in the window, coloured by colour_by."""
    sel = select(src, f)
    if sel.empty:
        return None
    win = sel.window
    assert win is not None
    # who takes part at some time in the window: the same rule as the monthly links, without a row per month
    pairs = kf.active_participation(_selected_part(src, sel), win.start, win.end)
    act = spread.tree_activity(org_tree(src.table("org_units")), pairs, sel.scores, f.unit_id)
    return charts.org_treemap(act, f.lang, colour_by if colour_by in TREE_COLOURS else "networks")


def budding_view(src: Source, f: Filters, network: str | None = ALL) -> BuddingView:
    """The budding families of the chosen network (or of every selected network)."""
    sel = select(src, f)
    choice = _choice(sel, network)
    if sel.empty:
        return BuddingView(choice, None, t("ripples.no_budding", f.lang))
    win = sel.window
    assert win is not None
    networks_all = src.table("networks")
    # a family may hold networks outside the selection (a parent of another type): they keep their value
    scores = scoring.network_scores(src.stats("all", win.start, win.last_day), src.table("indicators"),
                                    networks_all, f.weight_map)
    lin = spread.lineage(spread.budding(networks_all), [choice] if choice else sel.ids, scores,
                         max_rows=MAX_FAMILY_ROWS)
    if lin.empty:
        text = (t("ripples.no_budding_network", f.lang, network=explain.escape_markdown(choice)) if choice
                else t("ripples.no_budding", f.lang))
        return BuddingView(choice, None, text)
    return BuddingView(choice, charts.budding_chart(lin, f.lang, pd.Timestamp(win.last_day)), None)
