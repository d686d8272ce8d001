"""``python -m routes …``: the command line. A contract other parts rely on.

Exit codes: 0 success, 1 invalid data, 2 bad usage or unknown id, 3 no route.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import DataError, NoRoute, UnknownStation
from .explain import assumption_messages, describe_months
from .graph import build_graph
from .loader import default_data_dir, load_dataset
from .models import KINDS, Level, TargetGroup
from .planner import SORTS, Query, plan, reach
from .render import route_text
from .schema import schema_json
from .search import find
from .state import LANGS, PlannerState, permalink
from .translation import localize

__all__ = ["main"]

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_NO_ROUTE = 0, 1, 2, 3
LINK_BASE = "http://localhost:8501/"

# the hand-over formats (routes.handover.FORMATS); that module and the layout solver load only when used
PLAN_FORMATS = ("pdf", "csv", "xlsx")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 too, we only word it
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m routes", description="Metrokaart Zorg & Welzijn: data and routes.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("validate", help="check the data files; one line per problem")
    p.add_argument("data_dir", nargs="?", type=Path, default=None, help="data folder (default: bundled data/)")

    def with_data(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--data", type=Path, default=None, help="data folder (default: bundled data/)")
        p.add_argument("--json", action="store_true", help="print JSON")
        return p

    with_data(sub.add_parser("stats", help="count the entities of each kind"))
    p = with_data(sub.add_parser("find", help="find entities by name, id or alias"))
    p.add_argument("text")
    p.add_argument("--kind", choices=list(KINDS))
    p.add_argument("--limit", type=int, default=20)
    p = with_data(sub.add_parser("show", help="show one entity"))
    p.add_argument("id")
    p = with_data(sub.add_parser("list", help="list every entity of a kind"))
    p.add_argument("--kind", choices=list(KINDS), required=True)
    sub.add_parser("schema", help="print the JSON Schema of the data files")
    p = with_data(sub.add_parser("layout", help="the metro map layout: stations, segments, labels, lines"))
    p.add_argument(
        "--write", action="store_true",
        help="compute it and store it in the data folder: layout.json (Dutch labels) and layout.en.json (English)",
    )  # fmt: skip
    p.add_argument("--figures", action="store_true", help="print bends, crossings and overlaps")
    p.add_argument("--lang", choices=LANGS, default="nl", help="language of the station labels (default nl)")

    p = sub.add_parser("poster", help="the metro map as an A3 poster (SVG or PDF), optionally with a route")
    p.add_argument("--data", type=Path, default=None, help="data folder (default: bundled data/)")
    p.add_argument("--format", choices=("svg", "pdf"), default=None, help="default: from the file name, else svg")
    p.add_argument("--output", "-o", type=Path, required=True, metavar="FILE", help="where to write the poster")
    p.add_argument(
        "--route-from",
        dest="route_from",
        action="append",
        default=[],
        metavar="ID",
        help="highlight the best route from what you hold (repeatable; needs --route-to)",
    )
    p.add_argument("--route-to", dest="route_to", metavar="ID", help="the route's goal (needs --route-from)")
    p.add_argument("--lang", choices=LANGS, default="nl", help="language of the poster: texts and station names")

    def with_position(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        with_data(p)
        p.add_argument(
            "--from",
            dest="holds",
            action="append",
            required=True,
            metavar="ID",
            help="what you hold: a start, diploma, certificate or job (repeatable)",
        )
        p.add_argument("--region", metavar="ID", help="your region, e.g. zuid-limburg")
        p.add_argument("--group", choices=[g.value for g in TargetGroup], help="your situation, for programmes")
        p.add_argument("--paid-only", action="store_true", help="only earn-while-you-learn steps")
        p.add_argument("--max-months", type=_positive, metavar="N")
        p.add_argument("--max-level", choices=[lvl.value for lvl in Level])
        p.add_argument("--avoid", action="append", default=[], metavar="ID", help="stations to avoid (repeatable)")
        p.add_argument("--hours-per-week", type=_positive, metavar="N", help="hours a week you have")
        p.add_argument("--age", type=_positive, metavar="N", help="your age: leaves out steps you are too young for")
        p.add_argument("--sort", choices=SORTS, default="fastest")
        return p

    p = with_position(sub.add_parser("plan", help="routes from where you are to a job"))
    p.add_argument("--to", required=True, metavar="ID", help="where you want to go")
    p.add_argument("--via", metavar="ID", help="a station the route must pass")
    p.add_argument("--alternatives", type=_positive, default=3, metavar="K", help="how many routes (default 3)")
    p.add_argument("--format", choices=PLAN_FORMATS, help="write the hand-over plan of one route as pdf, csv or xlsx")
    p.add_argument("--output", type=Path, metavar="FILE", help="the file to write (its suffix may name the format)")
    p.add_argument("--route", type=_positive, default=1, metavar="N", help="which route to write (default 1)")
    p.add_argument("--first-name", metavar="NAME", help="a first name to print on the plan (never stored)")
    p.add_argument("--lang", choices=LANGS, default="nl", help="language of the plan (default nl)")
    p.add_argument("--link-base", default=LINK_BASE, metavar="URL", help=f"the app's address (default {LINK_BASE})")
    p = with_position(sub.add_parser("reach", help="every job you can reach, with its fastest route"))
    p.add_argument("--within-months", type=_positive, metavar="N")
    p.add_argument("--limit", type=_positive, metavar="N", help="list the first N jobs only (default: all)")
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be 1 or more")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "schema":
            sys.stdout.write(schema_json())
            return EXIT_OK
        if args.command == "validate":
            return _validate(args)
        dataset = load_dataset(args.data)
        return _COMMANDS[args.command](dataset, args)
    except ValueError as exc:  # a value the planner cannot use (e.g. an empty --from)
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except DataError as exc:
        for problem in exc.problems:
            print(problem)
        print(f"{len(exc.problems)} problem(s) in the data; nothing else was done", file=sys.stderr)
        return EXIT_DATA
    except UnknownStation as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except NoRoute as exc:
        for message in exc.messages:
            print(message, file=sys.stderr)
        return EXIT_NO_ROUTE
    except BrokenPipeError:  # e.g. piped into `head`
        return EXIT_OK
    except Exception as exc:  # a bug: say so in one line rather than a traceback
        print(f"internal error: {type(exc).__name__}: {exc} (please report this)", file=sys.stderr)
        return EXIT_DATA


def _validate(args: argparse.Namespace) -> int:
    data_dir = args.data_dir or default_data_dir()
    if not data_dir.exists():
        print(f"error: {data_dir} does not exist", file=sys.stderr)
        return EXIT_USAGE
    dataset = load_dataset(data_dir)  # DataError handled in main
    counts = ", ".join(f"{dataset.count(kind)} {kind}s" for kind in KINDS)
    print(f"OK: {data_dir} is valid ({len(dataset.files)} files; {counts})")
    return EXIT_OK


def contact_points(dataset) -> int:
    """How many regions name a contact point for newcomers (the others give a reason why not)."""
    return sum(1 for region in dataset.of_kind("region") if region.contact is not None)


def _stats(dataset, args) -> int:
    counts: dict[str, int] = {kind: dataset.count(kind) for kind in KINDS}
    counts["contact_points"] = contact_points(dataset)
    if args.json:
        print(json.dumps(counts))
    else:
        for kind, n in counts.items():
            print(f"{kind:<14}{n:>5}")
    return EXIT_OK


def _find(dataset, args) -> int:
    matches = find(dataset, args.text, kind=args.kind, limit=args.limit)
    if args.json:
        print(json.dumps([{"id": m.id, "kind": m.kind, "name": m.name} for m in matches], ensure_ascii=False))
    elif not matches:
        print(f"Niets gevonden voor {args.text!r}.")
    else:
        for m in matches:
            print(f"{m.id:<45} {m.kind:<14} {m.name}")
    return EXIT_OK


def pay_record(function) -> dict:
    """A job's CAO pay range as the ``show`` contract gives it (null where unknown)."""
    pay = function.pay
    return {
        "cao": (pay.cao if pay and pay.cao else None) or function.cao,
        "scale": pay.scale if pay else None,
        "eur_month_min": pay.min_eur if pay else None,
        "eur_month_max": pay.max_eur if pay else None,
        "source": pay.source if pay else None,
        "checked": pay.checked.isoformat() if pay and pay.checked else None,
    }


def contact_record(region) -> dict | None:
    """A region's contact point as the ``show`` contract gives it: name, url, phone, email
    (null where not published), plus where the details come from; null when the region has none."""
    contact = region.contact
    if contact is None:
        return None
    return {
        "name": contact.name,
        "url": contact.url,
        "phone": contact.phone,
        "email": contact.email,
        "source": contact.source,
        "checked": contact.checked.isoformat(),
    }


def english_name(entity) -> str | None:
    """The English name of an entity (its ``en.name``; a scenario's or question's English text), or None."""
    for text in (getattr(entity, "title", None), getattr(entity, "question", None)):
        if text is not None and hasattr(text, "en"):
            return text.en
    english = getattr(entity, "en", None)
    return getattr(english, "name", None)


def access_crebo(dataset, function) -> list[str]:
    """The current crebo codes of the mbo diplomas that give access to a job, in the order of ``access``."""
    codes: list[str] = []
    for diploma_id in function.access:
        if dataset.kinds.get(diploma_id) != "qualification":
            continue
        crebo = dataset.get(diploma_id).crebo
        if crebo and crebo[0] not in codes:
            codes.append(crebo[0])
    return codes


def show_record(dataset, entity_id: str) -> dict:
    """The fields of one entity as plain JSON-ready data, with its ``kind``.

    Besides the entity's own fields: ``name_en`` (English name or null) for every kind;
    for a job ``isco``, ``esco``, ``competentnl`` (null where unknown), ``crebo`` (the current
    crebo codes of the mbo diplomas in its ``access``) and ``pay``; for a qualification
    ``crebo`` (the current code as a string, or null) and ``crebo_previous`` (older codes);
    for a region ``contact``.
    """
    entity = dataset.get(entity_id)
    record = {"id": entity.id, "kind": dataset.kinds[entity.id]}
    record.update(entity.model_dump(mode="json", by_alias=True))
    record["name_en"] = english_name(entity)
    if record["kind"] == "qualification":
        record["crebo"] = entity.crebo[0] if entity.crebo else None
        record["crebo_previous"] = list(entity.crebo[1:])
    if record["kind"] == "function":
        record["crebo"] = access_crebo(dataset, entity)
        record["pay"] = pay_record(entity)
    if record["kind"] == "region":
        record["contact"] = contact_record(entity)
    position = dataset.where(entity.id)
    record["defined_at"] = f"{position.file}:{position.line}"
    return record


def _show(dataset, args) -> int:
    record = show_record(dataset, args.id)
    if args.json:
        print(json.dumps(record, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"{record['name']}  ({record['kind']}, {record['id']})")
    for key, value in record.items():
        if key in {"id", "name", "kind"} or value in (None, [], {}, ""):
            continue
        if isinstance(value, list):
            value = "; ".join(json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else str(v) for v in value)
        elif isinstance(value, dict):
            value = json.dumps(value, ensure_ascii=False)
        print(f"  {key}: {value}")
    return EXIT_OK


def _list(dataset, args) -> int:
    items = [{"id": e.id, "name": e.name} for e in dataset.of_kind(args.kind)]
    if args.json:
        print(json.dumps(items, ensure_ascii=False))
    else:
        for item in items:
            print(f"{item['id']:<50} {item['name']}")
    return EXIT_OK


def _query(args: argparse.Namespace, **extra) -> Query:
    return Query(
        holds=tuple(dict.fromkeys(args.holds)),
        region=args.region,
        group=args.group,
        paid_only=args.paid_only,
        max_months=args.max_months,
        max_level=args.max_level,
        avoid=frozenset(args.avoid),
        hours_per_week=args.hours_per_week,
        age=args.age,
        sort=args.sort,
        **extra,
    )


def _export_format(args: argparse.Namespace) -> str | None:
    """The file format asked for: ``--format``, or the suffix of ``--output``; raises ValueError when unclear."""
    if args.output is None:
        if args.format is not None:
            raise ValueError(f"--format {args.format} needs --output FILE")
        return None
    if args.format is not None:
        return args.format
    suffix = args.output.suffix.lower().lstrip(".")
    if suffix in PLAN_FORMATS:
        return suffix
    raise ValueError(f"say which format to write to {args.output}: --format {'|'.join(PLAN_FORMATS)}")


def _write_plan(dataset, G, routes, query: Query, args: argparse.Namespace, fmt: str) -> int:
    """Write the hand-over plan of route ``--route`` to ``--output``."""
    if args.route > len(routes):
        print(f"error: --route {args.route}, but only {len(routes)} route(s) found", file=sys.stderr)
        return EXIT_USAGE
    holds = tuple(dict.fromkeys(args.holds))
    starts = [h for h in holds if h in dataset.starts]
    state = PlannerState(
        start=starts[0] if starts else None,
        holds=tuple(h for h in holds if h not in starts[:1]),
        target=args.to,
        region=args.region,
        paid_only=args.paid_only,
        max_months=args.max_months,
        max_level=args.max_level,
        sort=args.sort,
        k=args.alternatives,
        age=args.age,
        hours_per_week=args.hours_per_week,
        via=args.via,
        avoid=tuple(args.avoid),
    )
    link = permalink(args.link_base, state, dataset, lang=args.lang)
    from .handover import export, handover

    document = handover(
        dataset, G, routes[args.route - 1], query, number=args.route, permalink=link,
        first_name=args.first_name, lang=args.lang,
    )  # fmt: skip
    content = export(document, fmt)
    try:
        args.output.write_bytes(content)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        print(f"error: cannot write {args.output}: {reason}", file=sys.stderr)
        return EXIT_USAGE
    print(f"{fmt} written to {args.output} (route {args.route})", file=sys.stderr)
    return EXIT_OK


def _plan(dataset, args) -> int:
    fmt = _export_format(args)  # before planning: a usage mistake is told at once
    dataset = localize(dataset, args.lang)
    G = build_graph(dataset)
    query = _query(args, target=args.to, via=args.via, k=args.alternatives)
    try:
        routes = plan(G, query)
    except NoRoute as exc:
        if args.json:
            found = {"routes": [], "messages": exc.messages, "regions": exc.regions}
            print(json.dumps(found, ensure_ascii=False))
        else:
            print("\n".join(exc.messages))
        return EXIT_NO_ROUTE
    if fmt is not None:
        return _write_plan(dataset, G, routes, query, args, fmt)
    messages = assumption_messages(G, query.holds)
    if args.json:
        print(json.dumps({"routes": [r.to_json() for r in routes], "messages": messages}, ensure_ascii=False))
    else:
        for message in messages:
            print(message)
        for i, route in enumerate(routes, 1):
            print(route_text(G, route, number=i))
            print()
    return EXIT_OK


def _reach(dataset, args) -> int:
    G = build_graph(dataset)
    found = reach(G, _query(args), within_months=args.within_months, limit=args.limit)
    if args.json:
        print(
            json.dumps(
                [{"id": node, "name": G.nodes[node]["name"], "route": route.to_json()} for node, route in found],
                ensure_ascii=False,
            )
        )
        if found.more:
            print(f"{found.more} more jobs not listed (--limit {args.limit})", file=sys.stderr)
    elif not found:
        print("Geen beroepen gevonden binnen deze grenzen.")
    else:
        for node, route in found:
            print(f"{G.nodes[node]['name']:<50} {describe_months(route.months_min, route.months_max)}")
        if found.more:
            print(f"… en nog {found.more} beroepen (meer met een hogere --limit)")
    return EXIT_OK


def _layout(dataset, args) -> int:
    from .layout import metro_layout
    from .layout.checks import figures
    from .layout.store import dumps, file_name, load_layout

    data_dir = args.data or default_data_dir()
    if args.write:
        for language in LANGS:
            computed = metro_layout(localize(dataset, language))
            target = data_dir / file_name(language)
            try:
                target.write_text(dumps(computed), encoding="utf-8")
            except OSError as exc:
                print(f"error: cannot write {target}: {exc.strerror or exc}", file=sys.stderr)
                return EXIT_USAGE
            print(f"wrote {target}", file=sys.stderr)
            if language == args.lang:
                layout = computed
    else:
        layout = load_layout(localize(dataset, args.lang), data_dir, args.lang)
    if args.figures:
        for key, value in figures(layout).items():
            print(f"{key:<16} {value}")
    elif args.json:
        sys.stdout.write(dumps(layout))
    elif not args.write:
        print(f"{len(layout.stations)} stations, {len(layout.segments)} segments, {len(layout.lines)} lines; "
              f"{layout.width:.0f} × {layout.height:.0f} units (use --json for the whole layout)")
    return EXIT_OK


def _poster(dataset, args) -> int:
    from .layout.store import load_layout
    from .poster import map_pdf, map_svg

    if bool(args.route_from) != bool(args.route_to):
        print("error: --route-from and --route-to go together", file=sys.stderr)
        return EXIT_USAGE
    fmt = args.format or ("pdf" if args.output.suffix.lower() == ".pdf" else "svg")
    dataset = localize(dataset, args.lang)
    layout = load_layout(dataset, args.data or default_data_dir(), args.lang)
    highlight: tuple[str, ...] = ()
    if args.route_to:
        query = Query(holds=tuple(dict.fromkeys(args.route_from)), target=args.route_to, k=1)
        routes = plan(build_graph(dataset), query)  # UnknownStation (with the nearest ids) or NoRoute
        highlight = tuple(n for n in routes[0].nodes if n in layout)
    if fmt == "pdf":
        content = map_pdf(dataset, layout, highlight=highlight, lang=args.lang)
    else:
        content = map_svg(dataset, layout, highlight=highlight, lang=args.lang).encode("utf-8")
    try:
        args.output.write_bytes(content)
    except OSError as exc:
        print(f"error: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"wrote {args.output} ({fmt}, A3, {len(content)} bytes)", file=sys.stderr)
    return EXIT_OK


_COMMANDS = {
    "layout": _layout,
    "poster": _poster,
    "stats": _stats,
    "find": _find,
    "show": _show,
    "list": _list,
    "plan": _plan,
    "reach": _reach,
}
