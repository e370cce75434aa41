"""Every run of one data plan on one local SparkSession, then the comparison of what they wrote.

    python -m data_plan.driver SPEC_FILE RESULT_FILE     (the head's job_scripts/ on PYTHONPATH)

The spec (written by review/data-plan/run-driver.ts, shaped by driver-spec.ts) is JSON:

    {"sides": [{"side": "base", "scriptsDir": "/tmp/.../job_scripts", "jobs": [{"name", "script", "args"}],
                "outputs": [{"job", "output", "location", "columns": [...] | null, "keys": [...] | null}]},
               {"side": "head", ...}],
     "compare": [{"job", "output", "keys": [...] | null, "base": LOCATION | null, "head": LOCATION | null}]}

Each side's jobs run in the order given (the workflow's), each with `main(args, spark=spark)` as
`npm run job -- --workflow` runs them, from that side's own job_scripts/: its scripts and its
packages are imported afresh, so base and head never share a module. Between sides the catalog's
databases are dropped, so a head job reads the head's tables. A side stops at its first failing job.

Progress goes to stderr, one line per job run; what a job prints goes to stderr too, only when it fails.
The result (RESULT_FILE) holds each run, each output's produced columns, rows, nulls and
contract violations, and each comparison (row_diff.py). Exit code 0 when the plan was made (a
failed job is part of the plan), 2 for a spec that cannot be read.
"""
import contextlib
import importlib
import importlib.util
import io
import json
import os
import sys
import time
import traceback
from pathlib import Path

from . import contract, recorder, row_diff

EXIT_OK, EXIT_BAD_SPEC = 0, 2
OWN_PACKAGE = __name__.split(".")[0]
# The job_scripts/ this package sits in: its runtime starts the session, and no side may import from it.
DRIVER_SCRIPTS_DIR = str(Path(__file__).resolve().parents[1])


def say(line: str) -> None:
    print(f"data plan: {line}", file=sys.stderr, flush=True)


def _forget_side_modules(dirs: list[str]) -> None:
    """Drops every module imported from a side's job_scripts/ (not this package), so the next side imports its own."""
    roots = [os.path.abspath(d) + os.sep for d in dirs]
    for name, module in list(sys.modules.items()):
        path = getattr(module, "__file__", None) or ""
        if name.split(".")[0] != OWN_PACKAGE and any(path.startswith(root) for root in roots):
            del sys.modules[name]


def _use_side(scripts_dir: str, all_dirs: list[str]) -> dict:
    """Puts the side's job_scripts/ first on sys.path and returns the record of what its jobs write."""
    _forget_side_modules(all_dirs)
    others = {os.path.abspath(d) for d in all_dirs}
    sys.path[:] = [scripts_dir] + [p for p in sys.path if os.path.abspath(p or ".") not in others]
    importlib.invalidate_caches()
    storage = importlib.import_module("glue_runtime.storage")
    written: dict = {}
    recorder.record_writes(storage, written)
    return written


def _load_main(script: Path):
    spec = importlib.util.spec_from_file_location(f"data_plan_job_{script.stem}", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.main


def _run_job(spark, side: str, job: dict, scripts_dir: str) -> dict:
    started = time.perf_counter()
    captured = io.StringIO()
    code, error = 0, None
    try:
        with contextlib.redirect_stdout(captured), contextlib.redirect_stderr(captured):
            code = _load_main(Path(scripts_dir) / job["script"])(list(job["args"]), spark=spark)
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    except Exception as raised:  # noqa: BLE001 - a job's bug is part of the plan, as its run would fail on Glue
        code, error = 1, traceback.format_exception_only(raised)[-1].strip().splitlines()[0][:400]
    code = code or 0
    seconds = time.perf_counter() - started
    run = {"side": side, "job": job["name"], "ok": code == 0, "exitCode": code, "seconds": round(seconds, 2)}
    if code != 0:
        run["error"] = error or "\n".join(captured.getvalue().strip().splitlines()[-6:])
        sys.stderr.write(captured.getvalue())
    say(f"{side} {job['name']} {'ran' if code == 0 else f'FAILED (exit {code})'} in {seconds:.1f}s")
    return run


def _drop_databases(spark) -> None:
    for database in spark.catalog.listDatabases():
        if database.name != "default":
            spark.sql(f"DROP DATABASE IF EXISTS `{database.name}` CASCADE")


def _describe_output(spark, output: dict, written: dict) -> dict:
    location = output["location"]
    key = recorder.location_key(location)
    try:
        frame = spark.read.parquet(location)
    except Exception as error:  # noqa: BLE001 - an output the job did not write
        return {"job": output["job"], "output": output["output"], "written": False, "error": str(error).splitlines()[0]}
    produced = written.get(key) or contract.columns_of(frame.schema)
    nulls = contract.null_counts(frame)
    return {
        "job": output["job"],
        "output": output["output"],
        "written": True,
        "columns": produced,
        "rows": frame.count(),
        "nulls": nulls,
        "violations": contract.violations(produced, nulls, output.get("columns"), output.get("keys")),
    }


def run_plan(spec: dict, spark) -> dict:
    """Runs every side's jobs on `spark`, then compares; returns the result."""
    sides = spec["sides"]
    all_dirs = [side["scriptsDir"] for side in sides] + [DRIVER_SCRIPTS_DIR]
    saved_path = list(sys.path)
    runs, outputs = [], {}
    try:
        for side in sides:
            _drop_databases(spark)
            written = _use_side(side["scriptsDir"], all_dirs)
            for job in side["jobs"]:
                run = _run_job(spark, side["side"], job, side["scriptsDir"])
                runs.append(run)
                if not run["ok"]:
                    break
            outputs[side["side"]] = [_describe_output(spark, output, written) for output in side["outputs"]]
    finally:
        _forget_side_modules(all_dirs)
        sys.path[:] = saved_path
    diffs = []
    for item in spec.get("compare", []):
        if not item.get("base") or not item.get("head"):
            continue
        started = time.perf_counter()
        written = {side: next((o["written"] for o in outputs.get(side, []) if o["job"] == item["job"] and o["output"] == item["output"]), False) for side in ("base", "head")}
        if not all(written.values()):
            # The side's run says why (it failed, or a job before it did).
            missing = " and ".join(side for side, ok in written.items() if not ok)
            diffs.append({"job": item["job"], "output": item["output"], "keys": item.get("keys") or [], "keyed": bool(item.get("keys")), "error": f"not written at {missing}: rows not compared"})
            continue
        base, head = spark.read.parquet(item["base"]), spark.read.parquet(item["head"])
        diff = row_diff.row_diff(spark, base, head, item.get("keys"))
        diffs.append({"job": item["job"], "output": item["output"], **diff})
        say(f"compared {item['job']}.{item['output']} in {time.perf_counter() - started:.1f}s")
    return {"runs": runs, "outputs": outputs, "rowDiffs": diffs}


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2:
        print("usage: python -m data_plan.driver SPEC_FILE RESULT_FILE", file=sys.stderr)
        return EXIT_BAD_SPEC
    try:
        spec = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        print(f"error: cannot read the data plan's spec {argv[0]}: {error}", file=sys.stderr)
        return EXIT_BAD_SPEC
    started = time.perf_counter()
    from glue_runtime.job_session import local_spark_builder

    spark = (
        local_spark_builder("glue-data-plan", master="local[2]", warehouse_dir=spec.get("warehouse"))
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.default.parallelism", "1")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    spark_start = time.perf_counter() - started
    say(f"spark started in {spark_start:.1f}s")
    try:
        result = run_plan(spec, spark)
    finally:
        spark.stop()
    result["sparkStartSeconds"] = round(spark_start, 2)
    result["seconds"] = round(time.perf_counter() - started, 2)
    Path(argv[1]).write_text(json.dumps(result, indent=1), encoding="utf-8")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
