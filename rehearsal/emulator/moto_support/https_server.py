"""The emulator's HTTPS server: cheroot, a production WSGI server, in this one process.

moto keeps its state in memory, so it is served by one process; cheroot serves it from a pool of
threads. What it changes against werkzeug's development server (which moto ships for a laptop):
- HTTP/1.1 keep-alive. werkzeug answers every request with `Connection: close`, so every request of
  every client pays a new TCP connection and TLS handshake.
- The TLS handshake runs on the worker thread that serves the connection's first request. Both
  werkzeug and cheroot's stock adapter make it inside `accept()`, on the one thread that accepts every
  connection: one slow handshake (a client starved of CPU while Spark runs) holds up every other
  connection, and Go's clients give up a handshake after 10 s (aws-sdk-go-v2's TLSHandshakeTimeout).
- An idle keep-alive connection is kept longer than any client keeps one (IDLE_SECONDS), so the server
  never closes a connection that a client is about to reuse; the client closes it first.
"""

from __future__ import annotations

import ssl
from typing import Any, Callable, Iterable

from cheroot import wsgi
from cheroot.ssl.builtin import BuiltinSSLAdapter

#: Longer than the idle timeouts of the emulator's clients: Go's net/http as aws-sdk-go-v2 sets it
#: (Terraform's provider) 90 s; the AWS SDK for Java v1 (Spark's S3A) 60 s; Node's agent 5 s. urllib3
#: (boto3, the AWS CLI) checks a pooled connection before it reuses it.
IDLE_SECONDS = 180
#: Requests served at once; more wait on the backends' lock anyway (backend_lock.py), so this only
#: needs to cover the clients that talk at the same time: Terraform's 10 per process, several processes.
THREADS = 64
#: Idle keep-alive connections kept open at once.
KEEP_ALIVE_CONNECTIONS = 1024


class WorkerThreadHandshake(BuiltinSSLAdapter):
    """TLS whose handshake runs on the first read, on the worker thread, instead of in accept()."""

    def __init__(self, certificate: str, private_key: str) -> None:
        super().__init__(certificate, private_key)
        self.context.minimum_version = ssl.TLSVersion.TLSv1_2

    def wrap(self, sock: Any) -> tuple[Any, dict[str, str]]:
        wrapped = self.context.wrap_socket(sock, do_handshake_on_connect=False, server_side=True)
        return wrapped, {"wsgi.url_scheme": "https", "HTTPS": "on"}

    def get_environ(self, sock: Any) -> dict[str, str]:
        return {"wsgi.url_scheme": "https", "HTTPS": "on"}


class MotoEnviron:
    """What moto reads of werkzeug's environ that cheroot spells otherwise: RAW_URI, the path as sent."""

    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        environ.setdefault("RAW_URI", environ.get("REQUEST_URI", ""))
        return self.app(environ, start_response)


def make_https_server(port: int, app: Callable[..., Iterable[bytes]], certificate: str, private_key: str) -> wsgi.Server:
    server = wsgi.Server(
        ("127.0.0.1", port),
        MotoEnviron(app),
        numthreads=THREADS,
        timeout=IDLE_SECONDS,
        request_queue_size=256,
        shutdown_timeout=5,
        server_name="rehearsal-emulator",
    )
    # cheroot's default keeps 10 idle connections and answers the 11th client `Connection: close`.
    server.keep_alive_conn_limit = KEEP_ALIVE_CONNECTIONS
    server.ssl_adapter = WorkerThreadHandshake(certificate, private_key)
    return server
