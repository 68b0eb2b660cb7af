"""Subprocess target for tests/test_crash.py: load files into a store file as one batch, announcing each step.

    python tests/crash_worker.py STORE FILE...

Prints (flushed, one per line) "opened" once the store is open, "writing" just before Store.load starts the
transaction and "done <batch_id>" after it committed. The test kills this process with SIGKILL at chosen moments
after "writing" and checks the store holds exactly the state before or exactly the state after the load.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from netvalue import ingest  # noqa: E402
from netvalue.store import Store  # noqa: E402


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def main(argv: list[str]) -> int:
    db, *paths = argv
    files = [(Path(p).name, Path(p).read_bytes()) for p in paths]
    store = Store(db)
    say("opened")
    plan = ingest.prepare(files, store)
    say("writing")
    result = store.load(plan.frames, who="crash worker", files=plan.files)
    say(f"done {result.batch_id}")
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
