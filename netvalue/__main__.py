"""Command line: python -m netvalue init|load|scores|backup|restore ..."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from netvalue import ingest, privacy, service
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
    scores = sub.add_parser("scores", parents=[common], help="one row per network with its scores")
    scores.add_argument("--format", choices=("csv", "json"), default="csv")
    backup = sub.add_parser("backup", parents=[common], help="write the store as Parquet to a new directory")
    backup.add_argument("directory", type=Path)
    restore = sub.add_parser("restore", parents=[common], help="replace the store's contents with a backup")
    restore.add_argument("directory", type=Path)
    restore.add_argument("--replace", action="store_true", help="allowed to replace a store that holds data")
    sub.add_parser("bench", help="moved: python -m tools.bench (development tooling)", add_help=False)
    return p


def _open(args: argparse.Namespace) -> Store:
    return Store(args.db or default_path())


def _report(result, lang: str) -> str:
    parts = [f"{name}: {result.added[name]} added, {result.replaced[name]} replaced" for name in result.added]
    return f"batch {result.batch_id} loaded — " + "; ".join(parts)


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
        print("no such file: " + ", ".join(privacy.mask(m) for m in missing), file=sys.stderr)
        return 2
    files = [(f.name, f.read_bytes()) for f in args.files]
    with _open(args) as store:
        try:
            _, result = service.load_files(store, files, who=args.who)
        except ingest.IngestError as exc:
            print(f"refused: {exc.total} problem(s); nothing was written.", file=sys.stderr)
            print(exc.report(args.lang), file=sys.stderr)
            return 1
        print(_report(result, args.lang))
    return 0


def cmd_scores(args: argparse.Namespace) -> int:
    with _open(args) as store:
        table = service.network_scores(store)
    table = table.round({"citizen": 1, "economy": 1, "staff": 1, "overall": 1, "balance": 3})
    if args.format == "json":
        records = json.loads(table.to_json(orient="records", force_ascii=False))
        print(json.dumps(records, ensure_ascii=False, indent=1))
    else:
        sys.stdout.write(table.to_csv(index=False, lineterminator="\n"))
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
            manifest = store.restore(args.directory)
        except (ValueError, OSError) as exc:
            print(f"refused: {exc}; the store is as it was", file=sys.stderr)
            return 1
    rows = manifest["rows"]
    print(f"restored {store.path} from {args.directory} (made {manifest['created']}): "
          + ", ".join(f"{n} {rows[n]}" for n in LOAD_ORDER))
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    # The benchmark is development tooling outside the library's import path; the library never runs tools/.
    print("the benchmark moved: run `python -m tools.bench` from the repository root", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        commands = {"init": cmd_init, "load": cmd_load, "scores": cmd_scores, "backup": cmd_backup,
                    "restore": cmd_restore, "bench": cmd_bench}
        return commands[args.command](args)
    except StoreBusy as exc:
        print(str(exc), file=sys.stderr)
        return 3
    except StoreIntegrityError as exc:
        print(f"refused: {exc}", file=sys.stderr)
        for d in exc.details:
            print(f"  {d}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
