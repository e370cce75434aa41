"""A job script run as its own process on local Spark, bounded by the run's timeout.

The script runs in a process group of its own (its Spark JVM included), so a timeout, or the emulator
stopping, ends all of it. Its output and errors go to files, as Glue's go to the job's log streams, and
the last error line of its standard error becomes the run's ErrorMessage.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Optional, Sequence

#: How long a process group has to end after SIGTERM before it gets SIGKILL.
GRACE_SECONDS = 5
# Spark's console log lines (log4j's "yy/MM/dd HH:mm:ss LEVEL logger: message") and the Java stack
# frames that may follow them: Spark's chatter, not the script's error.
_LOG_LINE = re.compile(r"^\d{2}/\d{2}/\d{2} \d{2}:\d{2}:\d{2} (TRACE|DEBUG|INFO|WARN|ERROR|FATAL) ")
_JAVA_FRAME = re.compile(r"^\s+at |^\s*\.\.\. \d+ more$|^Caused by: ")
_SPARK_BANNER = ("Setting default log level to", "To adjust logging level use", "For SparkR, use setLogLevel")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass(frozen=True)
class ScriptOutcome:
    #: None when the process was ended for its timeout
    exit_code: Optional[int]
    timed_out: bool
    #: The script's last error line, if it exited with an error
    error_line: Optional[str]


def last_error_line(stderr: str) -> Optional[str]:
    """The line that names what went wrong: a Python exception's own line (the last traceback's), else
    the last `error: ...` line (the job runtime's), else the last line that is not Spark's logging."""
    lines = [_ANSI.sub("", line).rstrip() for line in stderr.splitlines()]
    lines = [line for line in lines if line.strip() and not _LOG_LINE.match(line) and not _JAVA_FRAME.match(line) and not line.startswith(_SPARK_BANNER)]
    starts = [i for i, line in enumerate(lines) if line.startswith("Traceback (most recent call last):")]
    if starts:
        for line in lines[starts[-1] + 1 :]:
            if not line[0].isspace():
                return line
    errors = [line for line in lines if line.startswith("error: ")]
    if errors:
        return errors[-1]
    return lines[-1] if lines else None


class ScriptProcesses:
    """The script processes running now, so that the emulator can end them all when it stops."""

    def __init__(self) -> None:
        self._running: set[subprocess.Popen[bytes]] = set()
        self._lock = threading.Lock()

    def run(self, argv: Sequence[str], env: Mapping[str, str], cwd: Path, timeout_seconds: float, stdout: Path, stderr: Path) -> ScriptOutcome:
        with open(stdout, "wb") as out, open(stderr, "wb") as err:
            process = subprocess.Popen(list(argv), cwd=cwd, env=dict(env), stdin=subprocess.DEVNULL, stdout=out, stderr=err, start_new_session=True)
            with self._lock:
                self._running.add(process)
            try:
                exit_code: Optional[int] = process.wait(timeout=max(timeout_seconds, 0.001))
                timed_out = False
            except subprocess.TimeoutExpired:
                end_group(process)
                exit_code, timed_out = None, True
            finally:
                with self._lock:
                    self._running.discard(process)
        error_line = None
        if exit_code not in (0, None):
            error_line = last_error_line(stderr.read_text(encoding="utf-8", errors="replace")) or f"the script exited with code {exit_code}"
        return ScriptOutcome(exit_code, timed_out, error_line)

    def end_all(self) -> None:
        """SIGKILL to every script's process group at once: the emulator is stopping, nothing waits for them."""
        with self._lock:
            running = list(self._running)
        for process in running:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def end_group(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the process group, then, after the script ended or the grace period passed, SIGKILL to
    whatever of the group is left (the JVM may outlive the script by a moment)."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()
