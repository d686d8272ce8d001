"""Programma's: regional help along the routes; ended programmes kept as history, never offered."""

from __future__ import annotations

import streamlit as st

from routes.models import Programme, ProgrammeStatus, TargetGroup
from routes.programmes import NATIONAL, programme_overview
from routes.state import Issue, parse_choice, region_ids
from ui import planner_form
from ui.data import load
from ui.fmt import badge, labelled, link, md
from ui.i18n import t
from ui.urlstate import incoming, show_issues, write

PARAMS = ("region", "group")
REGION, GROUP = "pg_region", "pg_group"
STATUS_COLOUR = {"running": "green", "planned": "blue", "unknown": "orange", "ended": "gray"}

data = load()
ds, G = data.dataset, data.graph
region_names = G.graph["regions"]

st.title(t("prog.title"))
st.caption(t("prog.intro"))

link_params = incoming("programmes", PARAMS)
if link_params is not None:
    issues: list[Issue] = []
    region = parse_choice((link_params.get("region") or [""])[-1], region_ids(ds), "region", issues)
    group = parse_choice((link_params.get("group") or [""])[-1], [g.value for g in TargetGroup], "group", issues)
    st.session_state[REGION] = region or ""
    st.session_state[GROUP] = group or ""
    show_issues(issues, {r: md(n) for r, n in region_names.items()})
elif REGION not in st.session_state:
    # The region chosen in the planner is the natural default here.
    st.session_state[REGION] = planner_form.stored(ds).region or ""

region_col, group_col = st.columns(2)
with region_col:
    regions = sorted(region_ids(ds), key=lambda r: region_names[r].lower())
    region = st.selectbox(
        t("prog.region"),
        options=[""] + regions,
        format_func=labelled([""] + regions, lambda r: region_names[r] if r else t("prog.region_all")),
        key=REGION,
    )
with group_col:
    groups = [""] + [g.value for g in TargetGroup if g is not TargetGroup.EVERYONE]
    group = st.selectbox(
        t("prog.group"),
        options=groups,
        format_func=labelled(groups, lambda g: t(f"group.{g}") if g else t("prog.group_all")),
        key=GROUP,
    )
# The situation (benefits, status holder, …) is sensitive: it is read from a link but never
# written into the address, where it would end up in browser history, chats and logs.
write("programmes", PARAMS, {"region": [region]} if region else {})


def card(p: Programme) -> None:
    with st.container(border=True):
        status = p.status.value
        st.markdown(f"#### {md(p.name)}")
        chips = [badge(t(f"status.{status}"), STATUS_COLOUR[status])]
        chips += [badge(region_names.get(r, r) if r != NATIONAL else t("prog.national"), "gray") for r in p.regions]
        st.markdown(" ".join(chips))
        lines = [f"**{t('prog.organiser')}:** {md(p.organiser)}"]
        groups = ", ".join(t(f"audience.{g.value}") for g in p.target_groups)
        lines.append(f"**{t('prog.for_whom')}:** {md(groups)}" + (f" — {md(p.target_note)}" if p.target_note else ""))
        ended = p.status is ProgrammeStatus.ENDED
        if ended:
            lines.append(f"**{t('prog.ended_on')}:** {md(p.ended or '?')}")
        elif p.started:
            lines.append(f"**{t('prog.since')}:** {md(p.started)}")
        leads_to = [md(ds.entities[s].name) for s in p.supports if s in ds.entities]
        if leads_to:
            lines.append(f"**{t('prog.leads_to')}:** " + ", ".join(leads_to))
        if p.url:
            lines.append(f"**{t('prog.link')}:** {link(p.url, p.url)}")
        st.markdown("  \n".join(lines))
        offers = "\n".join(f"- {md(o)}" for o in p.offers)
        st.markdown(f"**{t('prog.offered_then' if ended else 'prog.offer')}:**\n{offers}")
        if p.status is ProgrammeStatus.UNKNOWN:
            st.caption(t("prog.unknown_help"))


def region_box(r) -> None:
    """Who a newcomer can call in this region, and the region's own figures."""
    with st.container(border=True):
        st.markdown(f"#### {t('prog.contact_title', region=md(r.name))}")
        lines = [f"**{t('prog.employer_org')}:** {md(r.employer_organisation)}"]
        if r.contact is not None:
            c = r.contact
            lines.append(f"**{t('prog.contact')}:** {md(c.name)}")
            if c.phone:
                lines.append(f"**{t('prog.phone')}:** {md(c.phone)}")
            if c.email:
                lines.append(f"**{t('prog.email')}:** {md(c.email)}")
            if c.url:
                lines.append(f"**{t('prog.link')}:** {link(c.url, c.url)}")
        else:
            lines.append(f"**{t('prog.contact')}:** {t('prog.contact_unknown')}")
            if r.url:
                lines.append(f"**{t('prog.link')}:** {link(r.url, r.url)}")
        st.markdown("  \n".join(lines))
        if r.contact is None and r.contact_unknown:
            st.caption(md(r.contact_unknown))
        if r.demand:
            with st.expander(t("prog.figures", count=len(r.demand))):
                st.markdown(
                    "\n".join(f"- **{d.year}:** {md(d.signal)} ({link(t('jobs.source'), d.source)})" for d in r.demand)
                )


if region and region in ds.regions:
    region_box(ds.regions[region])

overview = programme_overview(ds, region or None, group or None)
offers, unknown, ended = overview.offers, overview.unknown, overview.ended

st.subheader(t("prog.offers", count=len(offers)))
if not offers:
    st.info(t("prog.no_offers"))
for p in offers:
    card(p)
if unknown:
    st.subheader(t("prog.unknown", count=len(unknown)))
    st.caption(t("prog.unknown_intro"))
    for p in unknown:
        card(p)
if ended:
    st.subheader(t("prog.ended", count=len(ended)))
    st.caption(t("prog.ended_intro"))
    with st.expander(t("prog.ended_show", count=len(ended))):
        for p in ended:
            card(p)
