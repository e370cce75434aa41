"""Job arguments off Glue, with the conventions of Glue's `getResolvedOptions`.

Arguments are `--name value` (or `--name=value`); names are spelled exactly, never abbreviated;
arguments the job does not ask for (Glue adds `--JOB_ID`, `--TempDir`, `--enable-metrics`, ...)
are ignored. `--JOB_NAME` is always accepted and optional here.
"""
import argparse
from typing import Optional, Sequence


class JobArgumentError(ValueError):
    """A missing, empty or malformed job argument; the message names the argument."""


class _RaisingParser(argparse.ArgumentParser):
    # argparse would print usage and exit; the caller decides how to report instead.
    def error(self, message: str):
        raise JobArgumentError(message)


def parse_job_args(
    argv: Sequence[str], required: Sequence[str], optional: Sequence[str] = ()
) -> dict[str, Optional[str]]:
    """Returns every required, optional and JOB_NAME argument by name (absent optional ones are None).

    `argv` excludes the program name. An optional argument given as an empty string counts as
    absent, so a stage can switch an output off with `output_path: ""`; an empty required one is
    an error.
    """
    parser = _RaisingParser(prog="job", add_help=False, allow_abbrev=False)
    parser.add_argument("--JOB_NAME")
    for name in required:
        parser.add_argument(f"--{name}", required=True)
    for name in optional:
        parser.add_argument(f"--{name}")
    parsed, _ignored = parser.parse_known_args(list(argv))
    args = vars(parsed)
    for name in required:
        if not args[name].strip():
            raise JobArgumentError(f"argument --{name} must not be empty")
    return {name: (value or None) for name, value in args.items()}


def present_optional_args(argv: Sequence[str], optional: Sequence[str]) -> list[str]:
    """The optional argument names that argv gives: Glue's getResolvedOptions treats every name it is asked for as required."""
    given = {arg.split("=", 1)[0] for arg in argv if arg.startswith("--")}
    return [name for name in optional if f"--{name}" in given]
