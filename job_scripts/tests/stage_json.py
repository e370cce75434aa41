"""What the config says of a stage, as JSON, read through the config's own loader: one node process
per command and stage in a test session (local-run/declared-schemas.ts, local-run/output-quality.ts)."""
import functools
import json
import subprocess

from conftest import JOB_SCRIPTS_DIR

PROJECT_DIR = JOB_SCRIPTS_DIR.parent


@functools.lru_cache(maxsize=None)
def stage_json(command: str, stage: str = "dev") -> dict:
    """The JSON that `local-run/<command>` prints for `stage`."""
    run = subprocess.run(
        ["node", "--require", "tsx/cjs", str(PROJECT_DIR / "local-run" / command), "--stage", stage],
        cwd=PROJECT_DIR, capture_output=True, text=True, check=False,
    )
    if run.returncode != 0:
        raise AssertionError(f"{command} failed ({run.returncode}): {run.stderr.strip()}")
    return json.loads(run.stdout)
