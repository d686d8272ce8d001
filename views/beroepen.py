"""Beroepen: search and browse the jobs; a profile per job."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from routes import find
from routes.demand import NATIONAL_REGIONS, demand_frame, demand_order
from routes.models import Sector
from routes.profile import Profile, profile
from routes.state import Issue, parse_choice
from ui.charts import demand_spec
from ui.data import load
from ui.fmt import badge, labelled, link, md, months, name_of
from ui.i18n import lang, t
from ui.urlstate import incoming, show_issues, write

PARAMS = ("beroep", "sector", "sort", "region")
PICK, SECTOR, SEARCH, SORT, REGION = "jb_pick", "jb_sector", "jb_search", "jb_sort", "jb_region"
SORTS = ("naam", "vraag")  # by name, or by demand in the chosen region
GO_NEXT_SHOWN = 12  # the nearest next steps; the rest folded away

data = load()
ds, G = data.dataset, data.graph


@st.cache_resource(show_spinner=False, max_entries=256)
def cached_profile(digest: str, function_id: str, _dataset, _graph) -> Profile:
    return profile(_dataset, _graph, function_id)


st.title(t("jobs.title"))
st.caption(t("jobs.intro"))

regions = [r for r in ds.regions if r not in NATIONAL_REGIONS]

# A shared link: ?beroep=<id>&sector=<sector>&sort=vraag&region=<region>
link_params = incoming("jobs", PARAMS)
if link_params is not None:
    issues: list[Issue] = []
    pick = parse_choice((link_params.get("beroep") or [""])[-1], list(ds.functions), "beroep", issues)
    sector = parse_choice((link_params.get("sector") or [""])[-1], [s.value for s in Sector], "sector", issues)
    sort = parse_choice((link_params.get("sort") or [""])[-1], list(SORTS), "sort", issues)
    region = parse_choice((link_params.get("region") or [""])[-1], regions, "region", issues)
    st.session_state[PICK] = pick
    st.session_state[SECTOR] = sector or ""
    st.session_state[SORT] = sort or SORTS[0]
    st.session_state[REGION] = region or ""
    st.session_state[SEARCH] = ""
    show_issues(issues, {i: md(e.name) for i, e in ds.entities.items()})

search_col, sector_col = st.columns([3, 2])
with search_col:
    text = st.text_input(t("jobs.search"), key=SEARCH, placeholder=t("jobs.search_placeholder"), max_chars=80)
with sector_col:
    present = {s for f in ds.functions.values() for s in (x.value for x in f.sectors)}
    sectors = [s.value for s in Sector if s.value in present]
    st.selectbox(
        t("jobs.sector"),
        options=[""] + sectors,
        format_func=labelled([""] + sectors, lambda s: t(f"sector.{s}") if s else t("jobs.sector_all")),
        key=SECTOR,
    )
sector = st.session_state.get(SECTOR) or None

sort_col, region_col = st.columns([2, 3])
with sort_col:
    sort = st.selectbox(
        t("jobs.sort"), options=list(SORTS), format_func=labelled(SORTS, lambda s: t(f"jobs.sort_{s}")), key=SORT
    )
with region_col:
    if sort == "vraag":  # shown only when it counts (a greyed-out box is hard to read)
        region_options = [""] + regions
        st.selectbox(
            t("jobs.region"),
            options=region_options,
            format_func=labelled(region_options, lambda r: md(ds.regions[r].name) if r else t("jobs.region_all")),
            key=REGION,
            help=t("jobs.region_help"),
        )
region = (st.session_state.get(REGION) or None) if sort == "vraag" else None

if text.strip():
    candidates = [m.id for m in find(ds, text, kind="function", limit=None)]
else:
    candidates = sorted(ds.functions, key=lambda i: name_of(G, i).lower())
if sector:
    candidates = [i for i in candidates if sector in {s.value for s in ds.functions[i].sectors}]
demand_note: dict[str, str] = {}
if sort == "vraag":
    ranks = demand_order(ds, candidates, region)
    candidates = [r.function_id for r in ranks]
    for r in ranks:
        if r.regional:
            demand_note[r.function_id] = t("jobs.demand_here" if region else "jobs.demand_some", count=r.regional)
        elif r.national:
            demand_note[r.function_id] = t("jobs.demand_national", count=r.national)
        else:
            demand_note[r.function_id] = t("jobs.demand_no_figures")


def job_label(function_id: str) -> str:
    note = demand_note.get(function_id)
    return f"{name_of(G, function_id)} · {note}" if note else name_of(G, function_id)


if st.session_state.get(PICK) not in candidates:
    st.session_state.pop(PICK, None)
if not candidates:
    st.info(t("jobs.none_found"))
    chosen = None
else:
    chosen = st.pills(
        t("jobs.pick", count=len(candidates)),
        options=candidates,
        format_func=labelled(candidates, job_label),
        key=PICK,
        selection_mode="single",
    )

shared = (("beroep", chosen), ("sector", sector), ("sort", sort if sort != SORTS[0] else None), ("region", region))
write("jobs", PARAMS, {k: [v] for k, v in shared if v})


def show(p: Profile) -> None:
    st.divider()
    st.header(p.name)
    chips = []
    if p.level:
        chips.append(badge(t(f"level.{p.level}"), "blue"))
    chips += [badge(t(f"sector.{s}"), "gray") for s in p.sectors]
    chips.append(badge(t(f"registration.{p.registration}"), "violet"))
    st.markdown(" ".join(chips))
    if p.aliases:
        st.caption(t("jobs.aliases", names=", ".join(md(a) for a in p.aliases)))
    st.markdown(md(p.description))

    st.subheader(t("jobs.tasks"))
    st.markdown("\n".join(f"- {md(task)}" for task in p.tasks))

    st.subheader(t("jobs.access"))
    st.markdown(t("jobs.access_intro") if len(p.access) > 1 else t("jobs.access_one"))
    st.markdown("\n".join(f"- {md(a.name)} — {t(f'holdkind.{a.kind}')}" for a in p.access))

    st.subheader(t("jobs.registration"))
    st.markdown(t(f"registration_text.{p.registration}"))

    st.subheader(t("jobs.pay"))
    pay_lines = []
    if p.cao:
        pay_lines.append(f"{t('jobs.cao')}: {md(p.cao)}")
    if p.pay:
        if p.pay.scale:
            pay_lines.append(f"{t('jobs.scale')}: {md(p.pay.scale)}")
        if p.pay.min_eur or p.pay.max_eur:
            low = f"€ {p.pay.min_eur:,}".replace(",", ".") if p.pay.min_eur else "?"
            high = f"€ {p.pay.max_eur:,}".replace(",", ".") if p.pay.max_eur else "?"
            pay_lines.append(t("jobs.gross", low=low, high=high))
        if p.pay.year:
            pay_lines.append(f"{t('jobs.year')}: {p.pay.year}")
        if p.pay.source:
            pay_lines.append(f"{t('jobs.source')}: {link(p.pay.source, p.pay.source)}")
    if not pay_lines:
        pay_lines.append(t("jobs.pay_unknown"))
    st.markdown("\n".join(f"- {line}" for line in pay_lines))
    if "pay" in p.unconfirmed or "cao" in p.unconfirmed:
        st.caption(t("jobs.unconfirmed"))

    st.subheader(t("jobs.demand"))
    if p.demand:
        frame = demand_frame(ds, p.id, national_name=t("jobs.national_name"))
        st.vega_lite_chart(spec=demand_spec(frame, (data.digest, p.id)), width="stretch")
        st.caption(t("demand.chart_help"))
        for d in p.demand:
            where = md(d.region_name) if d.region_name and d.region not in NATIONAL_REGIONS else t("jobs.national")
            st.markdown(f"- **{d.year} · {where}:** {md(d.signal)} ({link(t('jobs.source'), d.source)})")
        sources = list(dict.fromkeys(d.source for d in p.demand))
        st.markdown(t("demand.sources") + "\n" + "\n".join(f"- {link(s, s)}" for s in sources))
    else:
        st.markdown(t("jobs.demand_none"))

    st.subheader(t("jobs.get_here"))
    if p.get_here:
        rows = [
            {
                t("jobs.col_from"): name_of(G, start),
                t("jobs.col_time"): months(route.months_min, route.months_max),
                t("jobs.col_paid"): t("route.all_paid") if route.paid else t("route.not_all_paid"),
                t("jobs.col_steps"): route.learning_steps,
            }
            for start, route in p.get_here
        ]
        st.table(pd.DataFrame(rows), hide_index=True)
    else:
        st.markdown(t("jobs.get_here_none"))
    query = {"to": p.id}
    if lang() != "nl":
        query["lang"] = lang()
    st.page_link("views/routeplanner.py", label=t("jobs.plan_here"), icon=":material/alt_route:", query_params=query)

    st.subheader(t("jobs.go_next"))
    if p.go_next:
        rows = [
            {
                t("jobs.col_job"): name_of(G, fid),
                t("jobs.col_level"): t(f"level.{G.nodes[fid]['level']}") if G.nodes[fid].get("level") else "",
                t("jobs.col_time"): months(route.months_min, route.months_max),
                t("jobs.col_paid"): t("route.all_paid") if route.paid else t("route.not_all_paid"),
            }
            for fid, route in p.go_next
        ]
        st.table(pd.DataFrame(rows[:GO_NEXT_SHOWN]), hide_index=True)
        if len(rows) > GO_NEXT_SHOWN:
            with st.expander(t("jobs.go_next_more", count=len(rows) - GO_NEXT_SHOWN)):
                st.table(pd.DataFrame(rows[GO_NEXT_SHOWN:]), hide_index=True)
    else:
        st.markdown(t("jobs.go_next_none"))

    running = [pid for pid in p.programmes if ds.programmes[pid].status.value in ("running", "planned")]
    if running:
        st.subheader(t("jobs.programmes"))
        for pid in running:
            prog = ds.programmes[pid]
            where = ", ".join(md(G.graph["regions"].get(r, r)) for r in prog.regions)
            st.markdown(f"- {link(prog.name, prog.url)} — {md(prog.organiser)} ({where})")
        st.page_link("views/programmas.py", label=t("jobs.all_programmes"), icon=":material/handshake:")

    with st.expander(t("jobs.sources")):
        if p.note:
            st.markdown(md(p.note))
        st.markdown("\n".join(f"- {link(s, s)}" for s in p.sources))


if chosen:
    show(cached_profile(data.digest, chosen, ds, G))
elif candidates:
    st.caption(t("jobs.pick_help"))
