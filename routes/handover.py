"""The hand-over plan: one route to take home, as a one-page A4 PDF, CSV or Excel.

:func:`handover` gathers what a coach hands over — start and target, the steps
with their durations (:func:`~routes.explain.describe_months`, the same words as
the page), cost, pay and conditions, the programmes that help and how to reach
them, *wat doe je eerst*, the regional contact point, sources and the data date,
and the permalink. :func:`handover_pdf`, :func:`steps_csv` and :func:`steps_xlsx`
turn it into files; all return bytes and write nothing.

Libraries: reportlab (PDF with the built-in Helvetica, whose encoding has ë, é,
ï and €; QR codes from ``reportlab.graphics.barcode.qr``, so no extra QR
library), pandas with openpyxl for CSV and Excel.

The optional first name is only put in the file; it is never stored or put in a link.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

import networkx as nx

from .dataset import Dataset
from .explain import describe_months, gate_conditions, route_label
from .graph import ACCESS
from .planner import Query, Route
from .timeline import case_names, timeline_frame
from .words import euros, kind_label, money, nl

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "FORMATS",
    "Contact",
    "Handover",
    "PlanStep",
    "ProgrammeInfo",
    "clean_name",
    "contact_point",
    "export",
    "first_action",
    "handover",
    "handover_pdf",
    "steps_csv",
    "steps_frame",
    "steps_xlsx",
]

FORMATS = ("pdf", "csv", "xlsx")
MAX_NAME = 40
MAX_SOURCES_SHOWN = 6
_WORK_LEARN = {"bbl", "duaal", "inservice", "werkervaring"}
_SCHOOL = {"bol", "voltijd", "deeltijd", "verkort", "combi", "post-initieel", "certificaat"}


@dataclass(frozen=True)
class PlanStep:
    """One step of the plan. ``number`` counts learning steps (as on the page); ``None`` for a job reached."""

    number: int | None
    kind: str
    name: str  # where the step takes you
    how: str  # the kind of step in words
    duration: str
    months_min: int
    months_max: int
    paid: bool
    pay: str
    pay_eur_month: int | None
    cost: str
    cost_eur: int | None
    conditions: tuple[str, ...]
    programmes: tuple[str, ...]  # names
    why: str
    status: str | None = None  # progress: "done", "busy" or None


@dataclass(frozen=True)
class ProgrammeInfo:
    name: str
    organiser: str
    url: str | None
    steps: tuple[int, ...]  # the numbers of the steps it helps with


@dataclass(frozen=True)
class Contact:
    """Where to ask in the region: a contact point from the data, else the regional employer organisation."""

    region: str
    name: str
    url: str | None = None
    details: str | None = None  # e-mail, phone or other words from a contact point


@dataclass(frozen=True)
class Handover:
    lang: str
    first_name: str | None
    start: tuple[str, ...]  # names of what the person holds
    target: str
    number: int  # the route's place among the planner's alternatives
    label: str
    duration: str
    months_min: int
    months_max: int
    cost: str
    pay: str
    paid: str
    steps: tuple[PlanStep, ...]
    programmes: tuple[ProgrammeInfo, ...]
    first_action: str
    contact: Contact | None
    sources: tuple[str, ...]
    checked: tuple[dt.date, dt.date] | None  # oldest and newest check of the data used
    permalink: str | None
    timeline: pd.DataFrame
    made: dt.date


def clean_name(name: str | None) -> str | None:
    """A first name fit to print: printable characters only, trimmed, at most 40 characters.

    >>> clean_name("  Fatima\\n "), clean_name(""), clean_name(None)
    ('Fatima', None, None)
    """
    if not name:
        return None
    text = " ".join("".join(c if c.isprintable() else " " for c in name).split())
    return text[:MAX_NAME] or None


def _name(G: nx.MultiDiGraph, node_id: str) -> str:
    return G.nodes[node_id].get("name", node_id) if node_id in G else node_id


def _contact_details(contact: object) -> tuple[str | None, str | None, str | None]:
    """(name, url, details) of a contact point in whatever shape the data gives it."""
    if contact is None:
        return None, None, None
    if isinstance(contact, str):
        return None, None, contact
    get = contact.get if isinstance(contact, dict) else (lambda key: getattr(contact, key, None))
    details = " · ".join(str(v) for v in (get("email"), get("phone"), get("address"), get("how")) if v)
    return get("name"), get("url"), details or None


def contact_point(dataset: Dataset, region_id: str | None) -> Contact | None:
    """The region's contact point (a ``contact`` field, when the data has one), else its employer organisation.

    ``None`` without a region or for a region the data does not know.
    """
    region = dataset.regions.get(region_id) if region_id else None
    if region is None:
        return None
    name, url, details = _contact_details(getattr(region, "contact", None))
    return Contact(
        region=region.name,
        name=name or region.employer_organisation,
        url=url or region.url,
        details=details,
    )


def first_action(G: nx.MultiDiGraph, route: Route, contact: Contact | None = None, lang: str = "nl") -> str:
    """The first concrete thing to do, from the route's first step, its programme and the region."""
    programmes = G.graph.get("programmes", {})
    learning = [s for s in route.steps if s.kind != ACCESS]
    dutch = nl(lang)
    where = f" {contact.name}" + (f" ({contact.url})" if contact.url else "") if contact else ""
    if not learning:
        job = _name(G, route.steps[-1].to_id) if route.steps else ""
        if dutch:
            return f"Solliciteer als {job}." + (f" Vraag{where} naar vacatures in je regio." if contact else "")
        return f"Apply for a job as {job}." + (f" Ask{where} about vacancies in your region." if contact else "")
    step = learning[0]
    diploma = _name(G, step.to_id)
    # An admission test is taken at the school of the next step: name what it opens.
    after = _name(G, learning[1].to_id) if len(learning) > 1 else diploma
    for pid in step.programmes:
        p = programmes.get(pid)
        if p:
            if p.get("url"):
                via = f" via {p['url']}"
            else:
                via = f" bij {p['organiser']}" if dutch else f" with {p['organiser']}"
            return f"Meld je aan bij {p['name']}{via}." if dutch else f"Sign up for {p['name']}{via}."
    kind = step.kind
    if dutch:
        if kind in _WORK_LEARN:
            text = f"Zoek een zorgorganisatie die je een leerbaan geeft voor {diploma}."
            text += " Zij melden je aan bij de school."
            return text + (f" Vraag{where} naar leerbanen in je regio." if contact else "")
        if kind == "toelatingstoets":
            return f"Vraag bij een school die {after} aanbiedt naar de toets ({diploma}) en meld je aan."
        if kind == "evc":
            return f"Vraag een intake aan voor een EVC-traject ({diploma}) bij een erkende EVC-aanbieder."
        if kind == "erkenning":
            return f"Laat je diploma uit het buitenland waarderen voor {diploma}; zie de bronnen van deze stap."
        if kind in _SCHOOL:
            short = " Vraag naar de verkorte route." if kind == "verkort" else ""
            return f"Kies een school die {diploma} aanbiedt en vraag een intake aan.{short}"
        return f"Neem contact op over de eerste stap: {diploma}." + (f" Vraag{where} om hulp." if contact else "")
    if kind in _WORK_LEARN:
        text = f"Find a care organisation that offers you a work-and-learn job for {diploma}. They enrol you at school."
        return text + (f" Ask{where} about such jobs in your region." if contact else "")
    if kind == "toelatingstoets":
        return f"Ask a school that offers {after} about the admission test ({diploma}), and sign up."
    if kind == "evc":
        return f"Ask a recognised EVC provider for an intake for an EVC procedure ({diploma})."
    if kind == "erkenning":
        return f"Have your foreign diploma assessed for {diploma}; see the sources of this step."
    if kind in _SCHOOL:
        short = " Ask about the shortened route." if kind == "verkort" else ""
        return f"Choose a school that offers {diploma} and ask for an intake.{short}"
    return f"Get in touch about the first step: {diploma}." + (f" Ask{where} for help." if contact else "")


def _step_pay(step, lang: str) -> str:
    if not step.paid:
        return "onbetaald" if nl(lang) else "unpaid"
    if step.pay_eur_month:
        amount = euros(step.pay_eur_month, lang)
        return f"betaald, ca. {amount} per maand" if nl(lang) else f"paid, about {amount} a month"
    return "betaald" if nl(lang) else "paid"


def _checked(dataset: Dataset, ids: Sequence[str]) -> tuple[dt.date, dt.date] | None:
    dates = [dataset.entities[i].checked for i in dict.fromkeys(ids) if i in dataset.entities]
    return (min(dates), max(dates)) if dates else None


def handover(
    dataset: Dataset,
    G: nx.MultiDiGraph,
    route: Route,
    query: Query,
    *,
    number: int = 1,
    permalink: str | None = None,
    first_name: str | None = None,
    lang: str = "nl",
    today: dt.date | None = None,
    progress: Mapping[str, str] | None = None,
) -> Handover:
    """Everything the hand-over plan says about ``route`` (the ``number``-th answer to ``query``).

    ``progress`` (station id -> ``"done"``/``"busy"``) marks the learning steps the person finished or is on.
    """
    from .compare import paid_text, pay_text

    lang = "nl" if nl(lang) else "en"
    programmes = G.graph.get("programmes", {})
    steps: list[PlanStep] = []
    helped: dict[str, list[int]] = {}
    used: list[str] = list(query.holds) + list(route.nodes)
    sources: list[str] = []
    n = 0
    for step in route.steps:
        learning = step.kind != ACCESS
        if learning:
            n += 1
            for pid in step.programmes:
                helped.setdefault(pid, []).append(n)
        if step.step_id:
            used.append(step.step_id)
        sources.extend(step.sources)
        gates = gate_conditions(step, lang)
        if step.vog and any("VOG" in c for c in step.conditions):
            gates = [g for g in gates if "VOG" not in g]  # the data says it already: once is enough on one page
        conditions = ([step.cost_note] if step.cost_note else []) + gates + list(step.conditions)
        steps.append(
            PlanStep(
                number=n if learning else None,
                kind=step.kind,
                name=_name(G, step.to_id),
                how=kind_label(step.kind, lang),
                duration=describe_months(step.months_min, step.months_max, lang),
                months_min=step.months_min,
                months_max=step.months_max,
                paid=step.paid,
                pay=_step_pay(step, lang),
                pay_eur_month=step.pay_eur_month,
                cost=money(step.cost_eur, lang),
                cost_eur=step.cost_eur,
                conditions=tuple(conditions) if learning else (),
                programmes=tuple(programmes[p]["name"] for p in step.programmes if p in programmes),
                why=step.why,
                status=(progress or {}).get(step.to_id) if learning else None,
            )
        )
    infos = []
    for pid, numbers in helped.items():
        p = programmes.get(pid)
        if p is None:
            continue
        infos.append(ProgrammeInfo(p["name"], p["organiser"], p.get("url"), tuple(numbers)))
        used.append(pid)
        if pid in dataset.programmes:
            sources.extend(dataset.programmes[pid].sources)
    contact = contact_point(dataset, query.region)
    if contact is not None:
        used.append(query.region)
    urls = tuple(s for s in dict.fromkeys(sources) if s.startswith(("https://", "http://")))
    return Handover(
        lang=lang,
        first_name=clean_name(first_name),
        start=tuple(_name(G, h) for h in query.holds),
        target=_name(G, route.nodes[-1]) if route.steps else _name(G, query.target or ""),
        number=number,
        label=route_label(route.label, lang),
        duration=describe_months(route.months_min, route.months_max, lang),
        months_min=route.months_min,
        months_max=route.months_max,
        cost=money(route.cost_eur, lang),
        pay=pay_text(route, lang),
        paid=paid_text(route, lang),
        steps=tuple(steps),
        programmes=tuple(infos),
        first_action=first_action(G, route, contact, lang),
        contact=contact,
        sources=urls,
        checked=_checked(dataset, used),
        permalink=permalink,
        timeline=timeline_frame(G, route, lang),
        made=today or dt.date.today(),
    )


# --- CSV and Excel -----------------------------------------------------------------------

_COLUMNS = {
    "nl": {
        "number": "stap",
        "name": "naar",
        "how": "hoe",
        "duration": "duur",
        "months_min": "maanden_min",
        "months_max": "maanden_max",
        "paid": "betaald",
        "pay_eur_month": "loon_per_maand_eur",
        "cost_eur": "kosten_eur",
        "cost": "kosten",
        "programmes": "hulp",
        "conditions": "voorwaarden",
        "status": "voortgang",
    },
    "en": {
        "number": "step",
        "name": "to",
        "how": "how",
        "duration": "duration",
        "months_min": "months_min",
        "months_max": "months_max",
        "paid": "paid",
        "pay_eur_month": "pay_per_month_eur",
        "cost_eur": "cost_eur",
        "cost": "cost",
        "programmes": "help",
        "conditions": "conditions",
        "status": "progress",
    },
}


_STATUS = {"nl": {"done": "klaar", "busy": "bezig"}, "en": {"done": "done", "busy": "busy"}}


def steps_frame(plan: Handover) -> pd.DataFrame:
    """The plan's steps as a table, one row per step (a job reached has no step number).

    Column names follow the plan's language (``stap, naar, hoe, duur, ...``).
    """
    import pandas as pd  # imported when used: it costs start-up time of every page

    names = _COLUMNS[plan.lang]
    yes, no = ("ja", "nee") if plan.lang == "nl" else ("yes", "no")
    rows = [
        {
            "number": s.number,
            "name": s.name,
            "how": s.how,
            "duration": s.duration,
            "months_min": s.months_min,
            "months_max": s.months_max,
            "paid": yes if s.paid else no,
            "pay_eur_month": s.pay_eur_month,
            "cost_eur": s.cost_eur,
            "cost": s.cost,
            "programmes": "; ".join(s.programmes),
            "conditions": " ".join(s.conditions),
            "status": _STATUS[plan.lang].get(s.status or "", ""),
        }
        for s in plan.steps
    ]
    frame = pd.DataFrame(rows, columns=list(names))
    frame["number"] = frame["number"].astype("Int64")
    frame["pay_eur_month"] = frame["pay_eur_month"].astype("Int64")
    frame["cost_eur"] = frame["cost_eur"].astype("Int64")
    return frame.rename(columns=names)


def steps_csv(plan: Handover) -> bytes:
    """The steps as CSV in UTF-8 with a byte-order mark, so Excel shows ë and €.

    Dutch plans use ``;`` between fields (what Dutch Excel expects), English ones ``,``.
    """
    sep = ";" if plan.lang == "nl" else ","
    return steps_frame(plan).to_csv(index=False, sep=sep).encode("utf-8-sig")


def _about(plan: Handover) -> pd.DataFrame:
    import pandas as pd  # imported when used: it costs start-up time of every page

    dutch = plan.lang == "nl"
    rows = [
        ("Voor" if dutch else "For", plan.first_name or ""),
        ("Start" if dutch else "Start", ", ".join(plan.start)),
        ("Doel" if dutch else "Goal", plan.target),
        ("Route", f"{plan.number}: {plan.label}"),
        ("Hoe lang" if dutch else "How long", plan.duration),
        ("Kosten" if dutch else "Cost", plan.cost),
        ("Loon tijdens het leren" if dutch else "Pay while learning", plan.pay),
        ("Wat doe je eerst" if dutch else "What to do first", plan.first_action),
        ("Link", plan.permalink or ""),
        ("Gegevens gecontroleerd" if dutch else "Data checked", _checked_text(plan)),
    ]
    return pd.DataFrame(rows, columns=["veld" if dutch else "field", "waarde" if dutch else "value"])


def steps_xlsx(plan: Handover) -> bytes:
    """An Excel workbook: the steps (sheet "Stappen"/"Steps") and the plan in short ("Plan")."""
    import pandas as pd  # imported when used: it costs start-up time of every page

    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        sheet = "Stappen" if plan.lang == "nl" else "Steps"
        steps_frame(plan).to_excel(writer, sheet_name=sheet, index=False)
        _about(plan).to_excel(writer, sheet_name="Plan", index=False)
        for ws in writer.book.worksheets:
            for column in ws.columns:
                width = max(len(str(c.value or "")) for c in column)
                ws.column_dimensions[column[0].column_letter].width = min(max(width + 2, 8), 60)
    return buffer.getvalue()


# --- the PDF ------------------------------------------------------------------------------

_PDF = {
    "nl": {
        "title": "Jouw route naar {target}",
        "for": "Voor {name}",
        "start": "Je start bij",
        "target": "Je doel",
        "route": "Route {number}",
        "summary": "Hoe lang: {duration} · Kosten: {cost} · Loon: {pay} · Betaald: {paid}",
        "first": "Wat doe je eerst?",
        "steps": "De stappen",
        "col_step": "Stap",
        "col_time": "Hoe lang",
        "col_pay": "Loon",
        "col_cost": "Kosten",
        "arrive": "Je bent er: je mag werken als {job}.",
        "work_as": "Nu mag je werken als {job}.",
        "help_with": "hulp: {names}",
        "timeline": "Tijdlijn (maanden)",
        "legend": "Groen: betaald · oranje: onbetaald · donker: als het snel gaat · licht: als het langer duurt",
        "programmes": "Hulp onderweg",
        "at_steps": "bij stap {steps}",
        "contact": "Contactpunt in je regio ({region})",
        "no_contact": "Kies je regio in de planner, dan staat hier waar je terecht kunt.",
        "link": "Je route online",
        "scan": "Scan de code of open de link.",
        "sources": "Bronnen",
        "more_sources": "en {count} meer (zie de link)",
        "checked": "Gegevens gecontroleerd: {when}.",
        "made": "Gemaakt op {date} met de Metrokaart Zorg & Welzijn.",
        "estimate": "Duur, kosten en loon zijn schattingen uit openbare bronnen. "
        "Vraag de school of werkgever wat voor jou geldt.",
        "months": "mnd",
    },
    "en": {
        "title": "Your route to {target}",
        "for": "For {name}",
        "start": "You start at",
        "target": "Your goal",
        "route": "Route {number}",
        "summary": "How long: {duration} · Cost: {cost} · Pay: {pay} · Paid: {paid}",
        "first": "What do you do first?",
        "steps": "The steps",
        "col_step": "Step",
        "col_time": "How long",
        "col_pay": "Pay",
        "col_cost": "Cost",
        "arrive": "You are there: you may work as {job}.",
        "work_as": "Now you may work as {job}.",
        "help_with": "help: {names}",
        "timeline": "Timeline (months)",
        "legend": "Green: paid · orange: unpaid · dark: if it goes quickly · light: if it takes longer",
        "programmes": "Help on the way",
        "at_steps": "with step {steps}",
        "contact": "Contact point in your region ({region})",
        "no_contact": "Choose your region in the planner to see where you can go.",
        "link": "Your route online",
        "scan": "Scan the code or open the link.",
        "sources": "Sources",
        "more_sources": "and {count} more (see the link)",
        "checked": "Data checked: {when}.",
        "made": "Made on {date} with the Metrokaart Zorg & Welzijn (care and welfare career map).",
        "estimate": "Duration, cost and pay are estimates from public sources. "
        "Ask the school or employer what applies to you.",
        "months": "mo",
    },
}

GREEN, ORANGE = "#2e7d32", "#ef6c00"
GREEN_LIGHT, ORANGE_LIGHT = "#a5d6a7", "#ffcc80"


def _date(day: dt.date, lang: str) -> str:
    return day.strftime("%d-%m-%Y") if lang == "nl" else day.isoformat()


def _checked_text(plan: Handover) -> str:
    if plan.checked is None:
        return "onbekend" if plan.lang == "nl" else "unknown"
    low, high = (_date(d, plan.lang) for d in plan.checked)
    if low == high:
        return low
    return f"tussen {low} en {high}" if plan.lang == "nl" else f"between {low} and {high}"


def _esc(text: object) -> str:
    return escape(str(text))


def _link(url: str, text: str | None = None) -> str:
    return f'<link href="{escape(url, {chr(34): "&quot;"})}" color="#1a4f8b">{_esc(text or url)}</link>'


def _timeline_drawing(plan: Handover, width: float):
    """The timeline as a reportlab drawing: a row per step, quickest and slowest case as bars."""
    from reportlab.graphics.shapes import Drawing, Line, Rect, String
    from reportlab.lib import colors
    from reportlab.lib.units import mm

    frame = plan.timeline
    words = _PDF[plan.lang]
    steps = frame.drop_duplicates("number")
    label_w, bar_h, row_h, axis_h = 55 * mm, 2.2 * mm, 6.2 * mm, 6 * mm
    height = len(steps) * row_h + axis_h + 2 * mm
    drawing = Drawing(width, height)
    total = max(int(frame["end"].max()) if len(frame) else 0, 1)
    scale = (width - label_w - 4 * mm) / total
    quick, _slow = case_names(plan.lang)
    for i, (_, step) in enumerate(steps.iterrows()):
        top = height - (i + 1) * row_h
        label = step["label"] if len(step["label"]) <= 40 else step["label"][:39] + "…"
        drawing.add(String(0, top + 1.6 * mm, label, fontName="Helvetica", fontSize=7))
        for j, (_, bar) in enumerate(frame[frame["number"] == step["number"]].iterrows()):
            dark = bar["case"] == quick
            colour = (GREEN if dark else GREEN_LIGHT) if bar["paid"] else (ORANGE if dark else ORANGE_LIGHT)
            x = label_w + bar["start"] * scale
            w = max((bar["end"] - bar["start"]) * scale, 0.6)
            y = top + (row_h / 2) - (j * bar_h) + 0.2 * mm
            drawing.add(Rect(x, y, w, bar_h - 0.3 * mm, fillColor=colors.HexColor(colour), strokeColor=None))
    step_months = 6 if total <= 36 else 12 if total <= 96 else 24
    base = axis_h - 2 * mm
    drawing.add(Line(label_w, base, label_w + total * scale, base, strokeColor=colors.grey, strokeWidth=0.5))
    for m in range(0, total + 1, step_months):
        x = label_w + m * scale
        drawing.add(Line(x, base, x, base - 1 * mm, strokeColor=colors.grey, strokeWidth=0.5))
        drawing.add(String(x, 0, str(m), fontName="Helvetica", fontSize=6.5, textAnchor="middle"))
    drawing.add(
        String(
            label_w + total * scale,
            base + 1 * mm,
            words["months"],
            fontName="Helvetica",
            fontSize=6.5,
            textAnchor="end",
        )
    )
    return drawing


def _qr_drawing(value: str, size: float):
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing

    widget = QrCodeWidget(value, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


def _status_mark(status: str | None, lang: str) -> str:
    """A step's progress in the PDF: a check mark (ZapfDingbats, as Helvetica has none) and a word."""
    if status == "done":
        check = f'<font name="ZapfDingbats" color="{GREEN}">4</font>'  # ✔
        return f' {check} <font color="{GREEN}"><b>{_STATUS[lang]["done"]}</b></font>'
    if status == "busy":
        return f' <font color="#6a1b9a"><b>[{_STATUS[lang]["busy"]}]</b></font>'
    return ""


def handover_pdf(plan: Handover) -> bytes:
    """The plan as a one-page A4 PDF (content that does not fit is scaled down, never cut)."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_LEFT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepInFrame, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    words = _PDF[plan.lang]
    margin = 14 * mm
    pad = 6  # SimpleDocTemplate's frame keeps 6 pt inside each margin
    width, height = A4[0] - 2 * margin - 2 * pad, A4[1] - 2 * margin - 2 * pad
    base = ParagraphStyle("base", fontName="Helvetica", fontSize=9, leading=11.5, alignment=TA_LEFT)
    small = ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.2)
    tiny = ParagraphStyle("tiny", parent=base, fontSize=6.5, leading=8, textColor=colors.HexColor("#444444"))
    title = ParagraphStyle("title", parent=base, fontName="Helvetica-Bold", fontSize=16, leading=19)
    head = ParagraphStyle(
        "head", parent=base, fontName="Helvetica-Bold", fontSize=10.5, leading=13, spaceBefore=5, spaceAfter=2
    )

    # --- header: title, who, start and goal; the QR code on the right
    left = [Paragraph(_esc(words["title"].format(target=plan.target)), title)]
    if plan.first_name:
        left.append(Paragraph(_esc(words["for"].format(name=plan.first_name)), base))
    left.append(Spacer(1, 2 * mm))
    left.append(Paragraph(f"<b>{_esc(words['start'])}:</b> {_esc(', '.join(plan.start))}", base))
    left.append(Paragraph(f"<b>{_esc(words['target'])}:</b> {_esc(plan.target)}", base))
    route_line = words["route"].format(number=plan.number) + (f" · {plan.label}" if plan.label else "")
    left.append(Paragraph(_esc(route_line), base))
    left.append(
        Paragraph(
            _esc(words["summary"].format(duration=plan.duration, cost=plan.cost, pay=plan.pay, paid=plan.paid)), base
        )
    )
    qr_size = 30 * mm
    right = []
    if plan.permalink:
        right = [_qr_drawing(plan.permalink, qr_size), Paragraph(_esc(words["scan"]), tiny)]
    header = Table([[left, right]], colWidths=[width - qr_size - 4 * mm, qr_size + 4 * mm])
    header.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    story = [header, Spacer(1, 3 * mm)]

    # --- what to do first, in a box
    first = Table(
        [[Paragraph(f"<b>{_esc(words['first'])}</b><br/>{_esc(plan.first_action)}", base)]], colWidths=[width]
    )
    first.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#e8f1fb")),
                ("BOX", (0, 0), (-1, -1), 0.8, colors.HexColor("#1a4f8b")),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    story += [first, Paragraph(_esc(words["steps"]), head)]

    # --- the steps
    rows = [[Paragraph(f"<b>{_esc(words[k])}</b>", small) for k in ("col_step", "col_time", "col_pay", "col_cost")]]
    last = len(plan.steps) - 1
    for i, s in enumerate(plan.steps):
        if s.number is None:
            key = "arrive" if i == last else "work_as"
            rows.append([Paragraph(f"<i>{_esc(words[key].format(job=s.name))}</i>", small), "", "", ""])
            continue
        body = [f"<b>{s.number}. {_esc(s.name)}</b> ({_esc(s.how)}){_status_mark(s.status, plan.lang)}"]
        if s.programmes:
            body.append(_esc(words["help_with"].format(names=", ".join(s.programmes))))
        body += [f"- {_esc(c)}" for c in s.conditions]
        rows.append(
            [
                Paragraph("<br/>".join(body), small),
                Paragraph(_esc(s.duration), small),
                Paragraph(_esc(s.pay), small),
                Paragraph(_esc(s.cost), small),
            ]
        )
    table = Table(rows, colWidths=[width * 0.58, width * 0.14, width * 0.16, width * 0.12], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
                ("LINEBELOW", (0, 1), (-1, -2), 0.25, colors.HexColor("#bbbbbb")),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    story.append(table)

    # --- the timeline
    if len(plan.timeline):
        story += [
            Paragraph(_esc(words["timeline"]), head),
            _timeline_drawing(plan, width),
            Paragraph(_esc(words["legend"]), tiny),
        ]

    # --- programmes and the contact point
    if plan.programmes:
        story.append(Paragraph(_esc(words["programmes"]), head))
        for p in plan.programmes:
            which = words["at_steps"].format(steps=", ".join(str(n) for n in p.steps))
            line = f"<b>{_esc(p.name)}</b> ({_esc(which)}): {_esc(p.organiser)}"
            if p.url:
                line += f". {_link(p.url)}"
            story.append(Paragraph(line, small))
    if plan.contact is not None:
        c = plan.contact
        story.append(Paragraph(_esc(words["contact"].format(region=c.region)), head))
        line = f"<b>{_esc(c.name)}</b>" + (f": {_esc(c.details)}" if c.details else "")
        line += f" {_link(c.url)}" if c.url else ""
        story.append(Paragraph(line, small))
    else:
        story += [Spacer(1, 2 * mm), Paragraph(_esc(words["no_contact"]), small)]

    # --- link, sources, data date
    if plan.permalink:
        story += [Paragraph(_esc(words["link"]), head), Paragraph(_link(plan.permalink), tiny)]
    shown = plan.sources[:MAX_SOURCES_SHOWN]
    more = len(plan.sources) - len(shown)
    source_text = " · ".join(_link(s) for s in shown) + (
        " " + _esc(words["more_sources"].format(count=more)) if more > 0 else ""
    )
    story.append(Spacer(1, 1.5 * mm))
    if shown:
        story.append(Paragraph(f"<b>{_esc(words['sources'])}:</b> {source_text}", tiny))
    story.append(
        Paragraph(
            _esc(words["checked"].format(when=_checked_text(plan)))
            + " "
            + _esc(words["made"].format(date=_date(plan.made, plan.lang)))
            + " "
            + _esc(words["estimate"]),
            tiny,
        )
    )

    buffer = io.BytesIO()
    title_text = words["title"].format(target=plan.target)
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=title_text,
        author="Metrokaart Zorg & Welzijn",
        lang="nl-NL" if plan.lang == "nl" else "en-GB",
        invariant=True,
    )
    doc.build([KeepInFrame(width, height, story, mode="shrink")])
    return buffer.getvalue()


def export(plan: Handover, fmt: str) -> bytes:
    """The plan in one of :data:`FORMATS`."""
    if fmt == "pdf":
        return handover_pdf(plan)
    if fmt == "csv":
        return steps_csv(plan)
    if fmt == "xlsx":
        return steps_xlsx(plan)
    raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
