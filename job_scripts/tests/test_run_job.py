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
