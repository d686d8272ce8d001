"""Review set: real career questions of side-entrants, coaches and LOB counsellors.

One row per question. Every row names its source (an S-number of /work/shared/domain.md,
a URL, or reasoning). Duration ranges come from those sources, not from the planner:
where the planner disagrees with a source the row is a strict xfail and the reason
says what the source says.

Every route offered is checked the way a professional would check it:
no level dip, entry tickets only where needed, paid-only honoured, programmes of the
right region and group and running, age and hours gates respected, a cost or cost
note on every learning step, labelled and distinct alternatives, admission tests
and minimum ages said out loud.
"""

from __future__ import annotations

import pytest

from routes.graph import ACCESS
from routes.models import LEVEL_RANK
from routes.planner import Query, assumed_holds, plan, tickets

RANK = {level.value: rank for level, rank in LEVEL_RANK.items()}
ADMISSION_TEST = "toelatingstoets"


# --- small shared checks ---------------------------------------------------------------


def level_rank(G, node: str) -> int:
    return RANK.get(G.nodes[node].get("level") or "", 0)


def admitted_rank(G, holds) -> int:
    """The highest level of education what the person holds admits to."""
    return max((RANK.get(G.nodes[h].get("admits") or "", 0) for h in holds), default=0)


def check_months(route, low: int, high: int) -> None:
    assert low <= route.months_min and route.months_max <= high, (
        f"{route.months_min}-{route.months_max} months, source says {low}-{high}"
    )


def check_no_level_dip(G, route, holds) -> None:
    floor = 0
    for node in route.nodes:
        if node in holds or G.nodes[node]["kind"] != "qualification":
            continue
        rank = level_rank(G, node)
        assert rank >= floor, f"level dip at {node}"
        floor = max(floor, rank)


def check_tickets_needed(G, route, holds) -> None:
    """A diploma gained on the route is used as an entry ticket only to a level the holds do not admit to."""
    direct = admitted_rank(G, holds)
    used = set(tickets(G, route, holds))
    for step in route.steps:
        if step.from_id in used:
            # the level of the programme entered (not of the admission hub passed on the way)
            needed = level_rank(G, step.to_id)
            if not needed and step.admission:
                needed = G.nodes[step.admission[0]].get("rank", 0)
            assert needed > direct, f"{step.from_id} used as entry ticket to {step.to_id}; the holds admit already"


def check_paid(route) -> None:
    assert all(step.paid for step in route.steps), [s.to_id for s in route.steps if not s.paid]


def check_programmes(G, route, query: Query) -> None:
    programmes = G.graph["programmes"]
    for pid in (p for s in route.steps for p in s.programmes):
        p = programmes[pid]
        assert p["status"] == "running", pid
        assert "nederland" in p["regions"] or query.region in p["regions"], pid
        if query.group:
            assert {query.group, "everyone"} & set(p["target_groups"]), pid


def check_gates(route, query: Query) -> None:
    for step in route.steps:
        if query.age is not None:
            assert (step.min_age or 0) <= query.age, step.to_id
        if query.hours_per_week is not None:
            assert (step.min_hours_per_week or 0) <= query.hours_per_week, step.to_id


def check_costs(route) -> None:
    for step in route.steps:
        if step.kind != ACCESS:
            assert step.cost_eur is not None or (step.cost_note or "").strip(), f"no cost for {step.to_id}"


def check_said_out_loud(route, query: Query) -> None:
    """Admission tests are labelled; without a known age, a minimum age is labelled."""
    codes = {code for code, _ in route.label}
    if any(step.kind == ADMISSION_TEST for step in route.steps):
        assert "admission-test" in codes, f"route through an admission test labelled {route.label}"
    if query.age is None and any(step.min_age for step in route.steps):
        assert "age" in codes, route.label


def check_alternatives(routes) -> None:
    assert all(route.label for route in routes)
    assert len({route.label for route in routes}) == len(routes), [r.label for r in routes]
    assert len({route.essence() for route in routes}) == len(routes)


def check_all(G, query: Query, routes) -> None:
    holds = assumed_holds(G, query.holds)
    assert routes and routes[0].nodes[-1] == query.target
    for route in routes:
        assert route.nodes[0] in holds
        if not route.relaxed:
            check_no_level_dip(G, route, holds)
            check_tickets_needed(G, route, holds)
        if query.paid_only:
            check_paid(route)
        check_programmes(G, route, query)
        check_gates(route, query)
        check_costs(route)
        check_said_out_loud(route, query)
    check_alternatives(routes)


# --- the questions ---------------------------------------------------------------------


def q(holds, target, low, high, *, via=(), never=(), not_first=(), sees=(), marks=(), id=None, **kw):
    """One question: the query, the sourced month range of the first route, and what a coach expects.

    ``via``: nodes the first route passes; ``never``: nodes no route offered passes;
    ``not_first``: nodes the first route does not pass; ``sees``: programmes some route offers.
    """
    holds = (holds,) if isinstance(holds, str) else tuple(holds)
    expect = dict(via=via, never=never, not_first=not_first, sees=sees)
    return pytest.param(Query(holds=holds, target=target, **kw), (low, high), expect, marks=marks, id=id)


def xfail(reason: str):
    return pytest.mark.xfail(reason=reason, strict=True)


QUESTIONS = [
    # --- VVT: helpende, VIG, mbo-V --------------------------------------------------------
    # S17/S74: Helpende BOL 2 yr, BBL 1 yr at some ROCs; vmbo-bb admits to niveau 2 (S35).
    q("vmbo-bb", "helpende-zorg-welzijn", 12, 24, id="vmbo-bb->helpende"),
    # S26/S76/S33: VIG BOL 3 yr, BBL 1.5-3 yr, verkort 1-1.5 yr for people with a care diploma.
    q("mbo2-helpende-zorg-welzijn", "verzorgende-ig", 12, 36, id="helpende->vig"),
    # domain 2a: VIG -> Mbo-V verkort (typically ~2 yr, unconfirmed); full Mbo-V 4 yr (S29/S30).
    q("mbo3-verzorgende-ig", "mbo-verpleegkundige", 18, 48, via=("mbo4-verpleegkundige",), id="vig->mbo-v"),
    # S29/S30: Mbo-V 4 yr BOL and BBL, 3 yr after the breed basisjaar; some schools run the BBL
    # in 2.5 yr (rijnijssel.nl/mbo-opleidingen/zorg/mbo-verpleegkundige: BBL 2,5 jaar, BOL 4 jaar).
    q("vmbo-gt", "mbo-verpleegkundige", 30, 48, id="vmbo-gt->mbo-v"),
    # S26 (VIG BBL 1.5-3 yr) + S1/Seed-004 (ZorgStart for side-entrants in Zuid-Limburg). A shop
    # worker named without a diploma starts from the usual mbo-2 (assumed_holds); BBL = paid.
    q(
        "werkervaring-winkel",
        "verzorgende-ig",
        12,
        36,
        sees=("zorgstart-zuid-limburg",),
        paid_only=True,
        region="zuid-limburg",
        group="side-entrant",
        id="shop-worker->vig-paid-zuid-limburg",
    ),
    q(
        ("werkervaring-winkel", "mbo-2-andere-sector"),
        "verzorgende-ig",
        12,
        36,
        sees=("zorgstart-zuid-limburg",),
        paid_only=True,
        region="zuid-limburg",
        group="side-entrant",
        id="shop-worker-mbo2->vig-paid-zuid-limburg",
    ),
    # S97 (Cedrah + Hoornbeeck: old zorgdiploma -> VIG in 1 yr) and S26 (verkort 1-1.5 yr).
    q("oud-zorgdiploma", "verzorgende-ig", 6, 18, group="returner", age=50, id="returner-50-old-diploma->vig"),
    # Reasoning: no diploma at 17 -> Entree ~1 yr (S18) -> Helpende BBL 1-2 yr (S17) -> VIG
    # verkort 1-1.5 yr or BBL 1.5-3 yr (S26): 24-72 months; the 21+ test is not open at 17.
    q(
        "geen-startkwalificatie",
        "verzorgende-ig",
        24,
        72,
        never=("cert-toelatingsonderzoek-21plus",),
        age=17,
        id="no-diploma-17->vig",
    ),
    # S17: BBL needs >= 18-24 h/week; with fewer hours it takes longer. VIG 1.5-3 yr (S26).
    q("geen-startkwalificatie", "verzorgende-ig", 18, 72, hours_per_week=16, id="16h-a-week->vig"),
    # S30 Mbo-V 4 yr; with 16 h/week no BBL step needing 18 h (S17) may appear.
    q("vmbo-gt", "mbo-verpleegkundige", 36, 72, hours_per_week=16, id="16h-a-week->mbo-v"),
    # S18: zorghulp needs mbo 1 (~1 yr) or no diploma.
    q("geen-startkwalificatie", "zorghulp", 0, 12, id="no-diploma->zorghulp"),
    # domain row 12: VIG + CZO EVV programme (~1 yr, unconfirmed).
    q("mbo3-verzorgende-ig", "eerstverantwoordelijk-verzorgende", 6, 18, id="vig->evv"),
    # S32: returners reach kraamverzorgende via the mbo-certificaat Verdieping kraamzorg;
    # kraamverzorgende training 3 yr (unconfirmed) is the upper bound.
    q(
        "oud-zorgdiploma",
        "kraamverzorgende",
        3,
        36,
        group="returner",
        id="returner-old-diploma->kraamverzorgende",
    ),
    # domain row 3: gastvrouw needs no fixed diploma; hospitality work is the usual background.
    q("werkervaring-horeca", "gastvrouw-zorg", 0, 3, group="side-entrant", id="horeca->gastvrouw"),
    # S17: Helpende BBL 1-2 yr; paid all the way for a cleaner switching sector.
    q(
        "werkervaring-schoonmaak",
        "helpende-zorg-welzijn",
        12,
        24,
        paid_only=True,
        group="side-entrant",
        id="cleaner->helpende-paid",
    ),
    # Reasoning, paid only from no diploma: Entree 1 yr (S18) + Helpende BBL 1-2 yr (S17) +
    # Mbo-V BBL 2.5-4 yr (S30; Rijn IJssel BBL 2,5 jaar), or via VIG verkort: 54-96 months.
    # A coach sends a care starter through
    # Helpende (on the nursing line), not through a facilitair diploma (S20: facilitair progression).
    q(
        "geen-startkwalificatie",
        "mbo-verpleegkundige",
        54,
        96,
        not_first=("mbo2-facilitaire-dienstverlening",),
        paid_only=True,
        group="side-entrant",
        id="no-diploma->mbo-v-paid",
    ),
    # earn-most: VIG admits to mbo-4 (S35), so no other mbo-4 diploma may be a mere entry ticket;
    # VIG -> Mbo-V verkort ~2 yr, full 4 yr (domain 2a, S30).
    q(
        "mbo3-verzorgende-ig",
        "mbo-verpleegkundige",
        18,
        48,
        sort="earn-most",
        id="vig->mbo-v-earn-most",
    ),
    # Mbo-V BBL 2.5-4 yr (S30; rijnijssel.nl: BBL 2,5 jaar).
    q(
        "mbo2-helpende-zorg-welzijn",
        "mbo-verpleegkundige",
        30,
        60,
        sort="earn-most",
        id="helpende->mbo-v-earn-most",
    ),
    # --- hbo-V and the 21+ test -----------------------------------------------------------
    # S50/S51: Bachelor of Nursing 4 yr.
    q("havo", "hbo-verpleegkundige", 42, 54, id="havo->hbo-v"),
    # S50 (2.5 yr), S51 (3 yr), S80/S81 (in-company 1.5-2.5 yr) for mbo-V with BIG.
    q("mbo4-verpleegkundige", "hbo-verpleegkundige", 18, 36, id="mbo-v->hbo-v"),
    q(
        ("mbo4-verpleegkundige", "mbo-verpleegkundige"),
        "hbo-verpleegkundige",
        18,
        36,
        region="rotterdam-rijnmond",
        group="employed",
        id="working-mbo-v-rotterdam->hbo-v",
    ),
    # Reasoning: a 16-year-old vmbo-kb pupil cannot take the 21+ test (domain 2b): Mbo-V 3-4 yr
    # (S30) + hbo-V verkort 1.5-3 yr (S50/S51/S80) or full 4 yr: 54-96 months.
    q(
        "vmbo-kb",
        "hbo-verpleegkundige",
        54,
        96,
        never=("cert-toelatingsonderzoek-21plus",),
        age=16,
        id="vmbo-kb-16->hbo-v-no-21plus",
    ),
    # domain 2b: hbo admission with havo/mbo-4 or the 21+ test; then 4 yr (S50).
    q(
        "geen-startkwalificatie",
        "hbo-verpleegkundige",
        42,
        60,
        via=("cert-toelatingsonderzoek-21plus",),
        age=30,
        id="no-diploma-30->hbo-v-21plus",
    ),
    # S50/S51 4 yr; cheapest may take mbo-V first then verkort (S30 + S50): up to 7 yr.
    q("havo", "hbo-verpleegkundige", 42, 84, sort="cheapest", id="havo->hbo-v-cheapest"),
    # Reasoning: IDW valuation takes weeks to months (idw.nl), then 4 yr hbo-V (S50). Dutch at B2
    # is needed for hbo with a foreign diploma (staatsexamensnt2.nl, data step-gewaardeerd-naar-hbov).
    q(
        "buitenlands-diploma",
        "hbo-verpleegkundige",
        42,
        60,
        group="status-holder",
        age=30,
        id="status-holder-foreign-diploma->hbo-v",
    ),
    # Same question: every route to hbo-V for a foreign-diploma holder should carry the B2 gate.
    # staatsexamensnt2.nl: NT2 programma II (B2) for hbo, whatever the mode of study.
    pytest.param("foreign-b2", None, None, id="status-holder-foreign-diploma->hbo-v-needs-b2"),
    # bigregister.nl (verklaring van vakbekwaamheid): a nurse trained abroad gets BIG registration
    # through recognition, months to years; data gives the recognition 6-36 months.
    pytest.param(
        "foreign-nurse-big",
        None,
        None,
        id="status-holder-foreign-nurse->big-registration",
    ),
    # --- Rotterdam programmes -------------------------------------------------------------
    # S5/S6: Nieuw ZorgTalent for people on benefits in Rotterdam-Rijnmond; helpende 1-2 yr (S17),
    # from no diploma plus Entree ~1 yr (S18).
    q(
        "geen-startkwalificatie",
        "helpende-zorg-welzijn",
        12,
        36,
        sees=("nieuw-zorgtalent",),
        region="rotterdam-rijnmond",
        group="benefits",
        id="rotterdam-benefits->helpende-nieuw-zorgtalent",
    ),
    q(
        "geen-startkwalificatie",
        "helpende-zorg-welzijn",
        12,
        36,
        sees=("nieuw-zorgtalent",),
        region="rotterdam-rijnmond",
        id="rotterdam-no-group->helpende-nieuw-zorgtalent",
    ),
    # Same question for a side-entrant: only programmes of Rotterdam-Rijnmond or national, for side-entrants.
    q(
        "geen-startkwalificatie",
        "helpende-zorg-welzijn",
        12,
        36,
        region="rotterdam-rijnmond",
        group="side-entrant",
        id="rotterdam-side-entrant->helpende",
    ),
    # --- kinderopvang ---------------------------------------------------------------------
    # S65: PM kinderopvang BOL 3 yr, BBL 2.5-3 yr.
    q("vmbo-kb", "pedagogisch-medewerker-kinderopvang", 24, 36, age=16, id="vmbo-kb-16->pm-kinderopvang"),
    # S65 (mbo 3 yr) and S66/S68 (Ad PEP, 2 yr, on the CAO list).
    q("havo", "pedagogisch-medewerker-kinderopvang", 18, 36, id="havo->pm-kinderopvang"),
    # S23: Ontwikkelpad kinderopvang, praktijkverklaring for work processes niveau 1-2.
    q("geen-startkwalificatie", "groepshulp-kinderopvang", 0, 12, id="no-diploma->groepshulp"),
    # S68: Ad PEP 2 yr; an mbo-3 holder needs the 21+ test (domain 2b) or GPM-4 first (3 yr, S58).
    q(
        "mbo3-pedagogisch-medewerker-kinderopvang",
        "pedagogisch-coach",
        24,
        66,
        age=25,
        id="pm-kinderopvang-25->pedagogisch-coach",
    ),
    # domain row 9: a Helpende Z&W diploma is the minimum for a zelfstandig gastouder.
    q("mbo2-helpende-zorg-welzijn", "gastouder", 0, 0, id="helpende->gastouder"),
    # --- gehandicaptenzorg ----------------------------------------------------------------
    # S33: MZ niveau 3 BOL 3 yr, BBL 2-3 yr.
    q("vmbo-kb", "begeleider-gehandicaptenzorg", 24, 36, id="vmbo-kb->begeleider-ghz"),
    # S79/S56/S57: MMZ3 diploma gives a shortened PB route; full PB 3 yr.
    q("mbo3-maatschappelijke-zorg", "persoonlijk-begeleider-gehandicaptenzorg", 12, 36, id="mz3->pb-ghz"),
    # S33/S54: MZ3 3 yr at most; adjacent diplomas plus MZ certificates can be quicker.
    q("mbo3-verzorgende-ig", "begeleider-gehandicaptenzorg", 6, 36, id="vig->begeleider-ghz"),
    # --- GGZ ------------------------------------------------------------------------------
    # S58/S57: PB maatschappelijke zorg 3 yr (some sources 4).
    q("vmbo-gt", "agogisch-medewerker-ggz", 30, 48, id="vmbo-gt->agogisch-ggz"),
    # S58: Bachelor Social Work 240 EC, 4 yr.
    q("havo", "ggz-agoog", 42, 54, id="havo->ggz-agoog"),
    # S29/S31: Mbo-V works in GGZ (branch differentiation in years 3-4): no extra training.
    q("mbo4-verpleegkundige", "ggz-verpleegkundige", 0, 6, id="mbo-v->ggz-verpleegkundige"),
    # domain row 43: HBO-V + SPV programme ~2 yr (unconfirmed).
    q("hbo-verpleegkunde", "sociaal-psychiatrisch-verpleegkundige", 12, 30, id="hbo-v->spv"),
    # S64: POH-GGZ 1-yr post-hbo course.
    q("hbo-verpleegkunde", "praktijkondersteuner-ggz", 9, 15, id="hbo-v->poh-ggz"),
    # --- welzijn --------------------------------------------------------------------------
    # S69: Sociaal werker (mbo 4) 3 yr BOL/BBL.
    q("vmbo-kb", "sociaal-werker", 30, 40, id="vmbo-kb->sociaal-werker"),
    # domain row 55 / S58 / S68: Ad Social Work 2 yr or Bachelor Social Work 4 yr.
    q("mbo4-sociaal-werker", "maatschappelijk-werker", 24, 48, id="mbo-sw->maatschappelijk-werker"),
    # --- jeugdzorg ------------------------------------------------------------------------
    # S43: SKJ-registrable youth professional = hbo (Social Work / Pedagogiek) 4 yr.
    q("havo", "jeugd-en-gezinsprofessional", 42, 54, id="havo->jeugd-en-gezinsprofessional"),
    q("havo", "jeugdbeschermer", 42, 54, id="havo->jeugdbeschermer"),
    # S44/S45: GPM niveau 4 or MZ4, 3 yr.
    q("vmbo-gt", "pedagogisch-medewerker-jeugdzorg", 30, 40, id="vmbo-gt->pm-jeugdzorg"),
    # --- eerstelijn -----------------------------------------------------------------------
    # S71: Doktersassistent 3 yr (shorter variants).
    q("vmbo-gt", "doktersassistent", 24, 36, id="vmbo-gt->doktersassistent"),
    # S72: BBL doktersassistent for side-entrants (Huisartsen Eemland); office work usually comes with mbo-4.
    q(
        "werkervaring-kantoor",
        "doktersassistent",
        18,
        36,
        region="utrecht-gooi-eemland",
        group="side-entrant",
        id="office-worker-eemland->doktersassistent",
    ),
    # S64: POH-S 10 months to 1.5 yr part-time, open to doktersassistenten (SSFH 2016).
    q("mbo4-doktersassistent", "praktijkondersteuner-huisarts", 10, 18, id="doktersassistent->poh-s"),
    # S73: Apothekersassistent 3 yr BOL, 2 yr with havo/vwo/mbo-4.
    q("havo", "apothekersassistent", 20, 26, id="havo->apothekersassistent"),
    q("mbo-4-andere-sector", "apothekersassistent", 20, 26, id="mbo4-other-sector->apothekersassistent"),
    # Seed-001: huisarts = geneeskunde 6 yr + huisartsopleiding 3 yr = 9 yr.
    q("vwo", "huisarts", 102, 114, id="vwo->huisarts"),
    # --- ziekenhuis -----------------------------------------------------------------------
    # domain row 24 (S46/S31): CZO operatieassistent ~3 yr (unconfirmed).
    q("mbo4-verpleegkundige", "operatieassistent", 18, 36, id="mbo-v->ok-assistent"),
    q("havo", "operatieassistent", 24, 40, id="havo->ok-assistent"),
    # domain row 21 (S47/S48): IC-verpleegkundige ~18-24 months in-service.
    q("hbo-verpleegkunde", "ic-verpleegkundige", 18, 24, id="hbo-v->ic-verpleegkundige"),
]


@pytest.mark.parametrize(("query", "months", "expect"), QUESTIONS)
def test_review_question(real_graph, query, months, expect):
    G = real_graph
    if isinstance(query, str):
        SPECIAL[query](G)
        return
    routes = plan(G, query)
    check_all(G, query, routes)
    best = routes[0]
    check_months(best, *months)
    for node in expect["via"]:
        assert node in best.nodes, f"{node} not on the first route"
    for node in expect["never"]:
        assert all(node not in route.nodes for route in routes), f"{node} offered"
    offered = {p for route in routes for step in route.steps for p in step.programmes}
    for pid in expect["sees"]:
        assert pid in offered, f"{pid} not offered"
    for node in expect["not_first"]:
        assert node not in best.nodes, f"{node} on the first route"


def foreign_diploma_needs_b2(G) -> None:
    """A study entered with the valued foreign diploma asks Dutch at B2 (hbo) or B1 (mbo); a study
    entered later with a Dutch diploma gained on the route asks nothing more."""
    query = Query(holds=("buitenlands-diploma",), target="hbo-verpleegkundige", group="status-holder", k=5)
    routes = plan(G, query)
    direct = 0
    for route in routes:
        for step in route.steps:
            if not step.from_id.startswith("buitenlands-diploma-gewaardeerd") or step.kind == "access":
                continue
            hbo = G.nodes[step.to_id].get("level") in ("ad", "hbo", "wo", "master")
            assert step.language in (("B2",) if hbo else ("B1", "B2")), (step.step_id, step.language)
            direct += step.to_id == "hbo-verpleegkunde"
    assert direct, "no route enters hbo-V with the valued diploma itself"


def foreign_nurse_gets_big(G) -> None:
    query = Query(holds=("buitenlands-verpleegkundediploma",), target="hbo-verpleegkundige", group="status-holder", k=5)
    routes = plan(G, query)
    check_all(G, query, routes)
    big = [r for r in routes if "cert-big-verpleegkundige-buitenland" in r.nodes]
    assert big, "no route through BIG recognition of the foreign nursing diploma"
    check_months(big[0], 6, 36)


SPECIAL = {"foreign-b2": foreign_diploma_needs_b2, "foreign-nurse-big": foreign_nurse_gets_big}


def test_the_review_set_is_big_enough():
    assert len(QUESTIONS) >= 40
