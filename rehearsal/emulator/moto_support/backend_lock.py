"""One lock around moto's in-memory backends, for every thread that reads or changes them.

moto's backends are plain dicts and lists with no locking of their own (getmoto/moto#372: "Moto running
into thread-safety issues"). Served by a threaded server, two requests at once can iterate and change
the same dict: IAM GetRole iterating roles while CreateRole adds one raises
`RuntimeError: dictionary changed size during iteration`, which moto answers with a 500. Worse, a create
that has already stored its resource and then fails answers 500 too; the client retries, and the retry
meets the first attempt (EntityAlreadyExists, AlreadyExistsException). So every request runs under
this lock, and so does every background thread of the emulator's (a Glue job run's AssumeRole, a
workflow advancing) that touches a backend. It is re-entrant: a patch that already holds it may call
code that takes it again.

Nothing that waits on the outside world runs under it: a Glue job run's script runs in a process of its
own, on a thread that holds the lock only for its moments of backend work.
"""

from __future__ import annotations

import threading
from typing import Any, Callable, Iterable

BACKENDS = threading.RLock()


class SerializedBackends:
    """WSGI middleware: the wrapped application, and the reading of its whole response, under BACKENDS."""

    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        with BACKENDS:
            result = self.app(environ, start_response)
            try:
                # moto builds its bodies lazily in places; read them while the state they show holds still.
                return [b"".join(result)]
            finally:
                close = getattr(result, "close", None)
                if close is not None:
                    close()
