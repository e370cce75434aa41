"""The schemas the config declares for the jobs' outputs (`outputs.<name>.schema`), and the check a job's
test makes with them: what the job wrote breaks none of them (data_plan.contract.violations).

The config is read by its own loader (local-run/declared-schemas.ts, one node process per test
session), so a declaration is checked exactly as the stacks and the data plan read it.
"""
from pyspark.sql import DataFrame

from data_plan.contract import columns_of, null_counts, violations
from stage_json import stage_json


def declared_schemas(stage: str = "dev") -> dict:
    """{job: {output: {"columns": [...], "keys": [...]}}} for the stage's outputs that declare a schema."""
    return stage_json("declared-schemas.ts", stage)


def assert_matches_declared_schema(frame: DataFrame, job: str, output: str, stage: str = "dev") -> None:
    """Fails, listing every problem, when `frame` (what the job wrote) breaks the output's declared schema."""
    declared = declared_schemas(stage).get(job, {}).get(output)
    assert declared is not None, f"{job}.outputs.{output} declares no schema in the config"
    problems = violations(columns_of(frame.schema), null_counts(frame), declared.get("columns"), declared.get("keys"))
    assert not problems, f"{job}.outputs.{output} breaks its declared schema: " + "; ".join(problems)
