"""`npm run job` as a user runs it: the TypeScript runner reads the stage's config, maps s3:// to local
folders and starts the real script on local Spark. This is the suite's one JVM started as a command.

(The runner's argument mapping and its error exits are tested with jest, where they need no JVM.)
"""
import shutil
import subprocess

import pytest

from conftest import JOB_SCRIPTS_DIR

PROJECT_DIR = JOB_SCRIPTS_DIR.parent


def test_runs_join_legislators_of_dev_and_writes_its_parquet_output(spark, tmp_path):
    if shutil.which("npm") is None:
        pytest.fail("npm is not on PATH; the local runner is a Node script (install Node 20 and run npm ci)")

    result = subprocess.run(
        ["npm", "run", "--silent", "job", "--", "JoinLegislators", "--stage", "dev", "--output-dir", str(tmp_path)],
        capture_output=True, text=True, timeout=300, cwd=PROJECT_DIR,
    )

    assert result.returncode == 0, result.stderr
    assert "running JoinLegislators (dev) with .venv/bin/python" in result.stdout
    assert "--JOB_NAME dev-JoinLegislators" in result.stdout
    # default-config.yaml writes to s3://{stageBucket}/output/join_legislators/: mapped under --output-dir.
    outputs = list(tmp_path.glob("dev-glue-*/output/join_legislators"))
    assert len(outputs) == 1, result.stdout
    assert f"wrote 9 rows to {outputs[0]}" in result.stdout
    assert f"output written to {outputs[0]}/ (--output_path)" in result.stdout
    assert (outputs[0] / "_SUCCESS").exists()
    assert spark.read.parquet(str(outputs[0])).count() == 9


def test_runs_the_dev_workflow_in_order_in_one_jvm_and_the_history_table_feeds_the_summary(spark, tmp_path):
    if shutil.which("npm") is None:
        pytest.fail("npm is not on PATH; the local runner is a Node script (install Node 20 and run npm ci)")

    result = subprocess.run(
        ["npm", "run", "--silent", "job", "--", "--workflow", "--stage", "dev", "--output-dir", str(tmp_path)],
        capture_output=True, text=True, timeout=300, cwd=PROJECT_DIR,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "running the dev workflow in one JVM: ProcessLegislators → JoinLegislators → SummarizeLegislators" in out
    starts = [out.index(f"chain: [{i}/3] {name}: ") for i, name in enumerate(["ProcessLegislators", "JoinLegislators", "SummarizeLegislators"], 1)]
    assert starts == sorted(starts)
    assert "chain: 3 of 3 jobs succeeded" in out
    # One session: the summary reads the table JoinLegislators wrote, not a copy it had to register.
    assert "registered table" not in out
    (bucket,) = list(tmp_path.glob("dev-glue-*"))
    assert f"wrote 9 rows to {bucket}/output/join_legislators/ (table dev_glue.legislators_history)" in out
    summary = spark.read.parquet(str(bucket / "output" / "summarize_legislators"))
    assert sorted(tuple(row) for row in summary.select("org_name", "role", "memberships", "persons").collect()) == [
        ("House", "member", 6, 5),
        ("Senate", "member", 3, 3),
    ]
    # Spark's local catalog kept its warehouse under the run's output folder ($GLUE_LOCAL_WAREHOUSE).
    assert (tmp_path / "spark-warehouse").is_dir()
