"""The rehearsal's AWS emulator: moto, in this process, over https on a loopback port.

    .venv/bin/python moto_launcher.py --port N --cert-dir DIR --calls-file FILE [--admin-role NAME]
        [--glue-job-runs local-spark|moto] [--glue-runs-dir DIR] [--test-seconds-per-timeout-minute N]

- Makes a CA and a server certificate for 127.0.0.1/localhost in DIR (ca.pem is what clients trust).
- Serves with cheroot, keep-alive and a pool of threads (moto_support/https_server.py), every request
  under one lock around moto's backends (moto_support/backend_lock.py).
- Installs the patches of moto_patches/ (one emulator gap each).
- Records every request as one JSON line in FILE (moto_support/call_recorder.py).
- Enforces IAM for assumed-role credentials, except sessions of the administrator role NAME
  (default rehearsal-admin).
- Runs each started Glue job run for real on local Spark, as the job's role (moto_patches/glue_job_runs.py),
  in a folder of its own under --glue-runs-dir (default: glue-runs next to the calls file); with
  --glue-job-runs moto, moto's own runs stay (each SUCCEEDED at once, nothing run).
  --test-seconds-per-timeout-minute is for tests only: how long a minute of a job's Timeout lasts.
- Prints one line `ready https://127.0.0.1:N` on stdout when it serves, and stops cleanly on SIGTERM
  or SIGINT, or, with --stop-on-stdin-eof, when its standard input closes: the parent that holds the
  other end is gone, however it ended.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from pathlib import Path

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

DEFAULT_ADMIN_ROLE = "rehearsal-admin"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--cert-dir", required=True)
    parser.add_argument("--calls-file", required=True)
    parser.add_argument("--admin-role", default=DEFAULT_ADMIN_ROLE)
    parser.add_argument("--stop-on-stdin-eof", action="store_true")
    parser.add_argument("--glue-job-runs", choices=("local-spark", "moto"), default="local-spark")
    parser.add_argument("--glue-runs-dir")
    parser.add_argument("--test-seconds-per-timeout-minute", type=float, default=60.0)
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    from moto_support.self_signed_cert import make_certificates

    certificates = make_certificates(args.cert_dir)

    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

    from moto_patches import apply_all, glue_job_runs
    from moto_support.backend_lock import SerializedBackends
    from moto_support.call_recorder import CallRecorder
    from moto_support.https_server import make_https_server
    from moto_support.glue_runner import GlueRunSettings

    glue_runs = None
    if args.glue_job_runs == "local-spark":
        glue_runs = GlueRunSettings(
            endpoint=f"https://127.0.0.1:{args.port}",
            ca_bundle=os.path.abspath(certificates["ca"]),
            runs_dir=Path(args.glue_runs_dir or Path(args.calls_file).parent / "glue-runs").resolve(),
            seconds_per_timeout_minute=args.test_seconds_per_timeout_minute,
        )
    patches = apply_all(admin_role_name=args.admin_role, glue_runs=glue_runs)
    app = SerializedBackends(CallRecorder(DomainDispatcherApplication(create_backend_app), args.calls_file))
    server = make_https_server(args.port, app, certificates["cert"], certificates["key"])
    server.prepare()

    def stop(_signum: int, _frame: object) -> None:
        # stop() waits for the serving loop to end, so it runs off the main thread.
        threading.Thread(target=server.stop, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    if args.stop_on_stdin_eof:

        def stop_when_parent_goes() -> None:
            sys.stdin.buffer.read()  # returns at EOF only
            server.stop()

        threading.Thread(target=stop_when_parent_goes, daemon=True).start()
    print(f"patches {' '.join(patches)}", flush=True)
    print(f"glue job runs: {f'local Spark, in {glue_runs.runs_dir}' if glue_runs else 'moto'}", flush=True)
    print(f"ready https://127.0.0.1:{args.port}", flush=True)
    server.serve()
    glue_job_runs.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
