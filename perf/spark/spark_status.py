"""A run's figures from Spark's own status store, through the REST API of the application's UI.

Spark monitoring REST API: https://spark.apache.org/docs/3.5.6/monitoring.html#rest-api
  /applications/[app-id]/jobs     each job with its jobGroup and stageIds
  /applications/[app-id]/stages   each stage attempt: executorRunTime, shuffle read/write bytes,
                                  peakExecutorMetrics (JVMHeapMemory, ProcessTreeJVMRSSMemory, ...)
The driver's peak resident memory comes from the kernel (/proc/PID/status VmHWM), reset per scale by
writing 5 to /proc/PID/clear_refs (proc(5)).
"""
import json
import os
import urllib.request
from datetime import datetime

from pyspark.sql import SparkSession

LONGEST_STAGES = 3
# Stages whose call site is inside Spark get a name of what they do.
# BroadcastExchangeExec collects the small side of a join in a thread started through withThreadLocalCaptured.
STAGE_NAMES = {"$anonfun$withThreadLocalCaptured$1": "broadcast exchange (small side of a join)"}


def _get(spark: SparkSession, path: str):
    base = spark.sparkContext.uiWebUrl
    if not base:
        raise RuntimeError("the Spark UI is off (spark.ui.enabled=false); perf reads its figures from the UI's REST API")
    app = spark.sparkContext.applicationId
    with urllib.request.urlopen(f"{base}/api/v1/applications/{app}/{path}", timeout=30) as response:
        return json.load(response)


def _time(text):
    return datetime.strptime(text.replace("GMT", "+0000"), "%Y-%m-%dT%H:%M:%S.%f%z")


def jvm_pid(spark: SparkSession) -> int:
    return int(spark.sparkContext._jvm.java.lang.ProcessHandle.current().pid())


def reset_peak_rss(pid: int) -> None:
    with open(f"/proc/{pid}/clear_refs", "w") as f:
        f.write("5")


def cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system) the process has used: fields 14 and 15 of /proc/PID/stat, in clock ticks.

    Unlike wall time this does not grow while the process waits for a core another process holds,
    which on a shared machine is most of the difference between two runs.
    """
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # fields[0] is field 3 (state); utime and stime are fields 14 and 15.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss_bytes(pid: int) -> int:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError(f"/proc/{pid}/status has no VmHWM line")


def group_figures(spark: SparkSession, group: str) -> dict:
    """Shuffle bytes, peak executor memory and the longest stages of the Spark jobs of one job group."""
    stage_ids = {s for job in _get(spark, "jobs") if job.get("jobGroup") == group for s in job["stageIds"]}
    stages = [s for s in _get(spark, "stages?details=false") if s["stageId"] in stage_ids and s["status"] == "COMPLETE"]
    peaks = [s.get("peakExecutorMetrics") or {} for s in stages]
    executors = _get(spark, "allexecutors")

    def seconds(stage):
        if not stage.get("submissionTime") or not stage.get("completionTime"):
            return 0.0
        return (_time(stage["completionTime"]) - _time(stage["submissionTime"])).total_seconds()

    longest = sorted(stages, key=seconds, reverse=True)[:LONGEST_STAGES]
    return {
        "stages": len(stages),
        "shuffleReadBytes": sum(s["shuffleReadBytes"] for s in stages),
        "shuffleWriteBytes": sum(s["shuffleWriteBytes"] for s in stages),
        "executorRunSeconds": sum(s["executorRunTime"] for s in stages) / 1000,
        "peakJvmHeapBytes": max((p.get("JVMHeapMemory", 0) for p in peaks), default=0),
        "peakJvmOffHeapBytes": max((p.get("JVMOffHeapMemory", 0) for p in peaks), default=0),
        "peakExecutorRssBytes": max((p.get("ProcessTreeJVMRSSMemory", 0) for p in peaks), default=0),
        "executors": [e["id"] for e in executors],
        "longestStages": [
            {"stageId": s["stageId"], "shuffleBytes": s["shuffleReadBytes"] + s["shuffleWriteBytes"], "name": STAGE_NAMES.get(s["name"].split(" at ")[0], s["name"].split(" at ")[0]), "seconds": round(seconds(s), 3), "tasks": s["numTasks"]}
            for s in longest
        ],
    }
