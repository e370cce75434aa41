"""One perf run of one job: calibrate, then per scale generate the inputs, run the job, read its figures.

Started by perf/cli.ts (`npm run perf`), which passes a JSON spec on stdin and reads the result file.
Lines starting with PROGRESS_PREFIX on stderr are for the person waiting; everything else is the
job's and Spark's own output. The job runs as `npm run job` runs it: its script's main() with the
arguments the stage gives it on Glue, inputs and outputs mapped onto local folders, in a session of
glue_runtime's local_spark_builder (local[*], UTC).
"""
import importlib.util
import json
import os
import sys
import time
from pathlib import Path

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

from glue_runtime.job_session import local_spark_builder
from glue_runtime.storage import read_json_lines
from sample_profile import profile_samples
from scaled_data import folder_bytes, write_scaled_inputs
from spark_status import cpu_seconds, group_figures, jvm_pid, peak_rss_bytes, reset_peak_rss

PROGRESS_PREFIX = "[perf] "
CALIBRATION_ROWS = 300_000


def progress(text: str) -> None:
    print(PROGRESS_PREFIX + text, file=sys.stderr, flush=True)


def calibrate(spark: SparkSession, pid: int, runs: int = 1) -> tuple[float, float]:
    """(wall, CPU) seconds of a fixed Spark workload (hash, shuffle, aggregate) in this session: the machine's yardstick.

    CPU seconds are the JVM's and this process's. With runs > 1 the fastest counts, so that the first
    run's JVM warm-up is not in it.
    """
    def once() -> tuple[float, float]:
        started, cpu = time.perf_counter(), process_cpu(pid)
        spark.range(0, CALIBRATION_ROWS, numPartitions=spark.sparkContext.defaultParallelism).select(
            F.sha2(F.col("id").cast("string"), 256).alias("h")
        ).groupBy(F.substring("h", 1, 3)).count().collect()
        return time.perf_counter() - started, process_cpu(pid) - cpu

    spark.sparkContext.setJobGroup("perf-calibration", "calibration")
    return min((once() for _ in range(runs)), key=lambda t: t[1])


def process_cpu(jvm: int) -> float:
    """CPU seconds of the JVM and of this Python process (where a job's Python code runs)."""
    own = os.times()
    return cpu_seconds(jvm) + own.user + own.system


def load_job_main(script: str):
    spec = importlib.util.spec_from_file_location("perf_job_under_test", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.main


def describe_profile(profile) -> list[str]:
    lines = [f"key {t}.{c} ({k.style})" for (t, c), k in profile.keys.items()]
    for (t, c), r in profile.references.items():
        hot = f", hot {', '.join(r.hot_values)}" if r.hot_values else ""
        lines.append(f"reference {t}.{c} -> {r.target.table}.{r.target.column}: match {r.match_rate:.0%}{hot}")
    return lines


def run(spec: dict) -> dict:
    spark = (
        local_spark_builder(spec["job"])
        # Per-stage peak RSS of the executors (here: the driver's JVM, local mode) in the status store.
        .config("spark.executor.processTreeMetrics.enabled", "true")
        .getOrCreate()
    )
    sc = spark.sparkContext
    pid = jvm_pid(spark)
    job_main = load_job_main(spec["script"])
    sc.setJobGroup("perf-profile", "profile of the sample")
    samples = {i["name"]: read_json_lines(spark, i["sample"]).cache() for i in spec["inputs"]}
    sample_bytes = {i["name"]: folder_bytes(i["sample"]) if Path(i["sample"]).is_dir() else Path(i["sample"]).stat().st_size for i in spec["inputs"]}
    profile = profile_samples(samples)
    described = describe_profile(profile)
    for line in described:
        progress(f"sample: {line}")
    calibration, calibration_cpu = calibrate(spark, pid, runs=2)
    progress(f"calibration: {calibration:.2f} s wall, {calibration_cpu:.2f} s CPU ({CALIBRATION_ROWS} rows hashed and grouped, {sc.defaultParallelism} cores)")
    results = []
    for scale in spec["scales"]:
        copies = scale["copies"]
        sc.setJobGroup(f"perf-generate-{scale['scale']}", f"generate scale {scale['scale']}")
        started = time.perf_counter()
        written = write_scaled_inputs(spark, samples, sample_bytes, scale["inputs"], copies, profile, spec["seed"])
        generated = time.perf_counter() - started
        reset_peak_rss(pid)
        group = f"perf-run-{scale['scale']}"
        sc.setJobGroup(group, f"{spec['job']} at scale {scale['scale']}")
        started, cpu = time.perf_counter(), process_cpu(pid)
        code = job_main(scale["args"], spark=spark)
        wall, cpu = time.perf_counter() - started, process_cpu(pid) - cpu
        if code != 0:
            raise SystemExit(f"{spec['job']} failed at scale {scale['scale']} with exit code {code}; see the log")
        rss = peak_rss_bytes(pid)
        figures = group_figures(spark, group)
        sc.setJobGroup(f"perf-count-{scale['scale']}", "output rows")
        output_rows = {name: spark.read.parquet(path).count() for name, path in scale["outputs"].items()}
        # The machine is shared: the yardstick is taken again after each scale, and the scale's time is
        # normalised by the mean of the one before and the one after it.
        after, after_cpu = calibrate(spark, pid)
        scale_calibration, scale_calibration_cpu = (calibration + after) / 2, (calibration_cpu + after_cpu) / 2
        calibration, calibration_cpu = after, after_cpu
        result = {
            "scale": scale["scale"],
            "copies": copies,
            "inputRows": sum(w.rows for w in written),
            "inputBytes": sum(w.bytes for w in written),
            "inputs": [w.__dict__ for w in written],
            "outputRows": sum(output_rows.values()),
            "outputs": output_rows,
            "wallSeconds": wall,
            "generateSeconds": generated,
            "calibrationSeconds": scale_calibration,
            "cpuSeconds": cpu,
            "calibrationCpuSeconds": scale_calibration_cpu,
            "driverPeakRssBytes": rss,
            **figures,
        }
        results.append(result)
        progress(
            f"scale {scale['scale']}: {result['inputRows']} rows, {result['inputBytes'] / 2**20:.1f} MiB in, "
            f"{result['outputRows']} rows out, {wall:.1f} s, {cpu:.1f} CPU s (generated in {generated:.1f} s; calibration {scale_calibration:.2f} s, {scale_calibration_cpu:.2f} CPU s)"
        )
    cores = sc.defaultParallelism
    spark.stop()
    calibrations = sorted(r["calibrationSeconds"] for r in results)
    return {"job": spec["job"], "cores": cores, "calibrationSeconds": calibrations[len(calibrations) // 2], "sample": described, "scales": results}


def main() -> int:
    spec = json.load(sys.stdin)
    result = run(spec)
    Path(spec["resultFile"]).write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
