"""Reproducer of the emulator's 500s: moto's IAM backend used by several threads at once.

    .venv/bin/python backend_lock_race.py bare|locked SECONDS

Two threads create and delete roles while two look one up (GetRole walks every role). Bare, as the
threaded server once called moto, the walk meets a role being added: `RuntimeError: dictionary changed
size during iteration`, which moto answers with a 500. Locked, each call holds the launcher's
BACKENDS lock (moto_support/backend_lock.py), as every request does now. A tiny switch interval makes
the threads interleave often enough to show it within seconds. Prints one JSON line:
{"mode", "calls", "errors", "messages"}.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import threading
import time

# The emulator's own packages, as its launcher puts them on the path.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "rehearsal", "emulator"))

from moto.iam.exceptions import NotFoundException  # noqa: E402
from moto.iam.models import iam_backends  # noqa: E402

from moto_support.backend_lock import BACKENDS  # noqa: E402

TRUST = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"glue.amazonaws.com"},"Action":"sts:AssumeRole"}]}'


def main(mode: str, seconds: float) -> dict[str, object]:
    backend = iam_backends["123456789012"]["aws"]
    guard = BACKENDS if mode == "locked" else contextlib.nullcontext()
    for i in range(500):
        backend.create_role(f"base{i}", TRUST, "/", None, "", [], None)
    sys.setswitchinterval(1e-6)
    stop = time.monotonic() + seconds
    lock = threading.Lock()
    tally = {"calls": 0, "errors": 0}
    messages: set[str] = set()

    def attempt(call) -> None:  # type: ignore[no-untyped-def]
        try:
            with guard:
                call()
            failed = False
        except RuntimeError as error:
            failed = True
            messages.add(str(error))
        except NotFoundException:  # the delete of a role whose create was the one that failed
            failed = False
        with lock:
            tally["calls"] += 1
            tally["errors"] += failed

    def writer(n: int) -> None:
        i = 0
        while time.monotonic() < stop:
            attempt(lambda: backend.create_role(f"w{n}-{i}", TRUST, "/", None, "", [], None))
            attempt(lambda: backend.delete_role(f"w{n}-{i}"))
            i += 1

    def reader() -> None:
        while time.monotonic() < stop:
            attempt(lambda: backend.get_role("base499"))

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(2)] + [threading.Thread(target=reader) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"mode": mode, **tally, "messages": sorted(messages)}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], float(sys.argv[2]))))
