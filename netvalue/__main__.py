"""Command line: python -m netvalue init|load|scores|connections|backup|restore|report ..."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from netvalue import loadrules, privacy, service
from netvalue.i18n import label, t
from netvalue.schema import LOAD_ORDER
from netvalue.store import Store, StoreBusy, StoreIntegrityError, default_path


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m netvalue", description="netvalue: the value of cross-silo networks")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", type=Path, default=None,
                        help="store file (default: $NETVALUE_DB, then data/netvalue.duckdb)")
    common.add_argument("--lang", choices=("da", "en"), default="en", help="language of messages")
    sub = p.add_subparsers(dest="command", required=True)
    init = sub.add_parser("init", parents=[common], help="create the store")
    init.add_argument("--sample", action="store_true", help="load the embedded sample data (data/sample)")
    load = sub.add_parser("load", parents=[common], help="validate and load CSV or Excel files as one batch")
    load.add_argument("files", nargs="+", type=Path)
    load.add_argument("--who", default="command line", help="who loads (shown in the upload history)")
    load.add_argument("--decimal", choices=tuple(loadrules.DECIMALS), default=None,
                      help="how numbers are written in files whose own numbers do not show it: 'comma' reads "
                           "16.500 as sixteen thousand five hundred, 'point' as sixteen and a half")
    scores = sub.add_parser("scores", parents=[common], help="one row per network with its scores")
    scores.add_argument("--format", choices=("csv", "json"), default="csv")
    connections = sub.add_parser("connections", parents=[common],
                                 help="one row per calendar year with the connections networks make")
    connections.add_argument("--format", choices=("csv", "json"), default="csv")
    backup = sub.add_parser("backup", parents=[common], help="write the store as Parquet to a new directory")
    backup.add_argument("directory", type=Path)
    restore = sub.add_parser("restore", parents=[common], help="replace the store's contents with a backup")
    restore.add_argument("directory", type=Path)
    restore.add_argument("--replace", action="store_true", help="allowed to replace a store that holds data")
    report = sub.add_parser("report", help="the council report: an A4 PDF of the overview for a window")
    report.add_argument("--db", type=Path, default=None,
                        help="store file (default: $NETVALUE_DB, then data/netvalue.duckdb)")
    report.add_argument("--out", type=Path, required=True, help="the PDF file to write")
    report.add_argument("--lang", choices=("da", "en"), default="da", help="language of the report (default: da)")
    report.add_argument("--from", dest="start", metavar="YYYY-MM", default=None,
                        help="first month (default: the first month with data)")
    report.add_argument("--to", dest="end", metavar="YYYY-MM", default=None,
                        help="last month (default: the last month with data)")
    sub.add_parser("bench", help="moved: python -m tools.bench (development tooling)", add_help=False)
    return p


class Refused(Exception):
    """A command line that cannot go on: one plain sentence on stderr, exit code 2."""


def _open(args: argparse.Namespace) -> Store:
    """The store at --db; a path that cannot be a store (a directory, a device, an empty or foreign file) is
    refused in one sentence instead of DuckDB's traceback."""
    path = Path(args.db or default_path())
    if path.is_dir():
        raise Refused(f"--db {path} is a directory; give the path of a store file (e.g. data/netvalue.duckdb)")
    if path.exists() and not path.is_file():
        raise Refused(f"--db {path} is not a regular file; give the path of a store file")
    if path.is_file() and path.stat().st_size == 0:
        raise Refused(f"--db {path} is an empty file, not a netvalue store; remove it or give another path")
    try:
        return Store(path)
    except StoreBusy:
        raise
    except Exception as exc:  # DuckDB's IOException, a newer schema, a file that is not DuckDB at all
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise Refused(f"--db {path} cannot be opened as a netvalue store ({reason})") from exc


def _report(result, lang: str) -> str:
    parts = [t("cli.loaded_part", lang, record=name if lang == "en" else label("record", name, lang),
               added=result.added[name], replaced=result.replaced[name]) for name in result.added]
    return t("cli.loaded", lang, batch=result.batch_id, parts="; ".join(parts))


def cmd_init(args: argparse.Namespace) -> int:
    with _open(args) as store:
        if args.sample:
            if store.is_empty():
                service.ensure_sample(store)
                print(f"created {store.path} with the sample data: {store.counts()}")
            else:
                _, result = service.load_files(store, service.sample_files(), who="sample")
                print(f"{store.path}: sample loaded again — {_report(result, args.lang)}")
        else:
            print(f"store ready at {store.path} (schema version {store.schema_version()}): {store.counts()}")
    return 0


def cmd_load(args: argparse.Namespace) -> int:
    missing = [str(f) for f in args.files if not f.is_file()]
    if missing:
        print(t("cli.no_file", args.lang, files=", ".join(privacy.mask(x) for x in missing)), file=sys.stderr)
        return 2
    files = [(f.name, f.read_bytes()) for f in args.files]
    decimal = loadrules.DECIMALS[args.decimal] if args.decimal else None
    with _open(args) as store:
        try:
            plan, result = service.load_files(store, files, who=args.who, decimal=decimal)
        except loadrules.IngestError as exc:
            print(t("cli.refused", args.lang, n=exc.total), file=sys.stderr)
            print(exc.report(args.lang), file=sys.stderr)
            if exc.question == "decimal":
                print(t("cli.decimal_hint", args.lang), file=sys.stderr)
            return 1
        for note in plan.notes:
            print(t("cli.note", args.lang, note=note.describe(args.lang)))
        print(_report(result, args.lang))
    return 0


def cmd_scores(args: argparse.Namespace) -> int:
    with _open(args) as store:
        table = service.network_scores(store)
    table = table.round({"citizen": 1, "economy": 1, "staff": 1, "overall": 1, "balance": 3})
    _print_table(table, args.format)
    return 0


def _print_table(table, fmt: str) -> None:  # type: ignore[no-untyped-def]
    if fmt == "json":
        records = json.loads(table.to_json(orient="records", force_ascii=False))
        print(json.dumps(records, ensure_ascii=False, indent=1))
    else:
        sys.stdout.write(table.to_csv(index=False, lineterminator="\n"))


def cmd_connections(args: argparse.Namespace) -> int:
    from netvalue import connections

    with _open(args) as store:
        participation = store.table("participation", ["network_id", "unit_id", "joined_on", "left_on"])
        org_units = store.table("org_units")
    _print_table(connections.yearly(participation, org_units).round({"cross_share": 4}), args.format)
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    with _open(args) as store:
        try:
            manifest = store.backup(args.directory)
        except FileExistsError as exc:
            print(f"refused: {exc}; choose a new directory", file=sys.stderr)
            return 1
    rows = manifest["rows"]
    print(f"backup written to {args.directory}: " + ", ".join(f"{n} {rows[n]}" for n in LOAD_ORDER))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    with _open(args) as store:
        if not store.is_empty() and not args.replace:
            print(f"refused: {store.path} holds data; add --replace to replace it with the backup", file=sys.stderr)
            return 1
        try:
            manifest = service.restore(store, args.directory)
        except (ValueError, OSError) as exc:
            print(f"refused: {exc}; the store is as it was", file=sys.stderr)
            return 1
    rows = manifest["rows"]
    print(f"restored {store.path} from {args.directory} (made {manifest['created']}): "
          + ", ".join(f"{n} {rows[n]}" for n in LOAD_ORDER))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    import time

    from netvalue import report
    from netvalue.filters import month_str, parse_month
    from netvalue.i18n import t
    from netvalue.keyfigures import format_number

    L = args.lang
    months = {}
    for option, text in (("--from", args.start), ("--to", args.end)):
        months[option] = parse_month(text) if text is not None else None
        if text is not None and months[option] is None:
            print(t("report.bad_month", L, option=option, value=text), file=sys.stderr)
            return 2
    start, end = months["--from"], months["--to"]
    if start and end and start > end:
        print(t("report.bad_window", L, start=month_str(start), end=month_str(end)), file=sys.stderr)
        return 2
    began = time.perf_counter()
    try:
        report.printer()  # before any work: say at once when chromium is missing
    except report.ChromiumMissing:
        print(t("report.no_chromium", L), file=sys.stderr)
        return 1
    path = args.db or default_path()
    if not Path(path).is_file():
        print(t("report.no_store", L, path=path), file=sys.stderr)
        return 1
    # The store is let go before printing, so the dashboard or a backup waits only for the figures.
    with _open(args) as store:
        if store.is_empty():
            print(t("report.empty", L), file=sys.stderr)
            return 1
        meta = report.meta_from_store(store)
        doc = report.build(report.source_for(store), report.window_filters(meta, start, end, L), meta)
    try:
        pdf = report.to_pdf(doc)
    except report.ChromiumMissing:
        print(t("report.no_chromium", L), file=sys.stderr)
        return 1
    except report.PrintFailed as exc:
        print(t("report.print_failed", L, reason=exc), file=sys.stderr)
        return 1
    out = args.out
    tmp = out.with_name(out.name + ".part")
    try:
        tmp.write_bytes(pdf)
        tmp.replace(out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        print(t("report.print_failed", L, reason=f"{out}: {exc.strerror or exc}"), file=sys.stderr)
        return 1
    seconds = format_number(time.perf_counter() - began, L, 1)
    print(t("report.written", L, path=out, size=round(len(pdf) / 1024), seconds=seconds))
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    # The benchmark is development tooling outside the library's import path; the library never runs tools/.
    print("the benchmark moved: run `python -m tools.bench` from the repository root", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        commands = {"init": cmd_init, "load": cmd_load, "scores": cmd_scores, "connections": cmd_connections,
                    "backup": cmd_backup, "restore": cmd_restore, "report": cmd_report, "bench": cmd_bench}
        return commands[args.command](args)
    except StoreBusy as exc:
        print(str(exc), file=sys.stderr)
        return 3
    except Refused as exc:
        print(f"refused: {exc}", file=sys.stderr)
        return 2
    except StoreIntegrityError as exc:
        print(f"refused: {exc}", file=sys.stderr)
        for d in exc.details:
            print(f"  {d}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
