"""The legislators outputs against their configured data-quality rules: data made to break one rule fails
exactly that rule, and a job run stops before writing. (Each job's own test checks that the sample passes.)"""
import json
from types import SimpleNamespace

import pytest
from pyspark.sql import functions as F

import join_legislators
import process_legislators
from legislators.transforms import clean_persons, join_legislators as join_transform, summarize_memberships
from glue_runtime.quality import QUALITY_ARG_SUFFIX, evaluate_locally, output_quality
from glue_runtime.quality_results import RESULTS_FILE_ENV
from quality_rules import failed_rules, quality_argument


@pytest.fixture(scope="module")
def inputs(spark, sample_paths):
    return {name: spark.read.json(path) for name, path in sample_paths.items()}


@pytest.fixture(scope="module")
def persons(inputs):
    return clean_persons(inputs["persons"])


@pytest.fixture(scope="module")
def history(inputs):
    return join_transform(inputs["persons"], inputs["memberships"], inputs["organizations"])


@pytest.fixture(scope="module")
def summary(history):
    return summarize_memberships(history)


@pytest.mark.parametrize("job, frame_name", [("ProcessLegislators", "persons"), ("JoinLegislators", "history"), ("SummarizeLegislators", "summary")])
def test_an_empty_output_fails_its_row_count_and_every_other_rule(request, inputs, job, frame_name):
    # Deequ, like Glue, finds no value to measure in an empty output: each rule fails, RowCount first.
    frame = request.getfixturevalue(frame_name).limit(0)
    failed = failed_rules(frame, job, "output_path", {"input_path_orgs": inputs["organizations"]} if job == "JoinLegislators" else None)
    assert failed[0] == "RowCount > 0" and len(failed) >= 3


def first_id(frame):
    return frame.orderBy("id").first()["id"]


@pytest.mark.parametrize(
    "rule, broken",
    [
        ('IsComplete "id"', lambda p: p.withColumn("id", F.when(F.col("id") == first_id(p), None).otherwise(F.col("id")))),
        ('IsUnique "id"', lambda p: p.unionByName(p.limit(1))),
        ('ColumnValues "gender" in ["female", "male", NULL]', lambda p: p.withColumn("gender", F.when(F.col("id") == first_id(p), "f").otherwise(F.col("gender")))),
    ],
)
def test_persons_that_break_one_rule_fail_that_rule_alone(persons, rule, broken):
    assert failed_rules(broken(persons), "ProcessLegislators", "output_path") == [rule]


@pytest.mark.parametrize(
    "rule, broken",
    [
        ('IsComplete "id"', lambda h: h.withColumn("id", F.when(F.col("start_date") == h.orderBy("start_date").first()["start_date"], None).otherwise(F.col("id")))),
        ('IsPrimaryKey "id" "organization_id" "start_date"', lambda h: h.unionByName(h.limit(1))),
        ('ReferentialIntegrity "organization_id" "input_path_orgs.id" = 1.0', lambda h: h.withColumn("organization_id", F.when(F.col("org_name") == "Senate", "no-such-org").otherwise(F.col("organization_id")))),
        ('ColumnValues "role" in ["member"]', lambda h: h.withColumn("role", F.when(F.col("org_name") == "Senate", "chair").otherwise(F.col("role")))),
    ],
)
def test_a_history_that_breaks_one_rule_fails_that_rule_alone(history, inputs, rule, broken):
    assert failed_rules(broken(history), "JoinLegislators", "output_path", {"input_path_orgs": inputs["organizations"]}) == [rule]


@pytest.mark.parametrize(
    "rule, broken",
    [
        ('IsPrimaryKey "org_name" "role"', lambda s: s.unionByName(s.limit(1))),
        ('ColumnValues "org_name" in ["House", "Senate"]', lambda s: s.withColumn("org_name", F.when(F.col("org_name") == "Senate", "Cabinet").otherwise(F.col("org_name")))),
        ('ColumnValues "memberships" >= 1', lambda s: s.withColumn("memberships", F.when(F.col("org_name") == "Senate", F.lit(0)).otherwise(F.col("memberships")))),
    ],
)
def test_a_summary_that_breaks_one_rule_fails_that_rule_alone(summary, rule, broken):
    assert failed_rules(broken(summary), "SummarizeLegislators", "output_path") == [rule]


def test_a_run_whose_output_fails_a_rule_exits_3_naming_the_rule_and_writes_nothing(spark, sample_paths, tmp_path, capsys):
    output = tmp_path / "history"
    # Memberships whose organization is missing from the organizations read: the join keeps none of them.
    orgs = tmp_path / "orgs.json"
    orgs.write_text(json.dumps({"id": "someone-else", "name": "Nobody"}) + "\n")
    argv = [
        "--JOB_NAME", "dev-JoinLegislators",
        "--input_path_orgs", str(orgs), "--input_path_persons", sample_paths["persons"],
        "--input_path_memberships", sample_paths["memberships"], "--output_path", str(output),
        "--output_path_quality", quality_argument("JoinLegislators", "output_path"),
    ]

    assert join_legislators.main(argv, spark=spark) == 3

    captured = capsys.readouterr()
    assert "  RowCount > 0" in captured.out and "RowCount 0  FAIL" in captured.out
    assert captured.err.startswith("error: dev-JoinLegislators: data quality of output output_path failed ")
    assert "RowCount > 0 (measured RowCount 0)" in captured.err
    assert captured.err.rstrip().endswith("the output was not written")
    assert not output.exists()


def test_under_on_failure_warn_the_output_is_written_and_the_failure_reported(spark, sample_paths, tmp_path, capsys):
    output = tmp_path / "persons"
    quality = json.loads(quality_argument("ProcessLegislators", "output_path"))
    quality["onFailure"] = "warn"
    quality["rules"].append({"rule": "RowCount > 100"})
    argv = ["--JOB_NAME", "dev-ProcessLegislators", "--input_path", sample_paths["persons"], "--output_path", str(output),
            "--output_path_quality", json.dumps(quality)]

    assert process_legislators.main(argv, spark=spark) == 0

    captured = capsys.readouterr()
    assert "RowCount > 100" in captured.out and "RowCount 8" in captured.out
    assert "warning: dev-ProcessLegislators: data quality of output output_path failed 1 of 5 rules: RowCount > 100 (measured RowCount 8)" in captured.err
    assert spark.read.parquet(str(output)).count() == 8


def test_an_aws_only_rule_is_left_to_glue_and_shown_as_such(spark, sample_paths, tmp_path, capsys):
    quality = {"context": "c", "onFailure": "fail", "rules": [{"rule": "RowCount > 0"}, {"rule": 'DetectAnomalies "RowCount"', "awsOnly": True}]}
    argv = ["--input_path", sample_paths["persons"], "--output_path", str(tmp_path / "p"), "--output_path_quality", json.dumps(quality)]

    assert process_legislators.main(argv, spark=spark) == 0
    assert 'DetectAnomalies "RowCount"' in capsys.readouterr().out.split("on Glue only")[0]


def test_a_quality_argument_that_is_not_the_stacks_json_exits_2_naming_it(spark, sample_paths, tmp_path, capsys):
    argv = ["--input_path", sample_paths["persons"], "--output_path", str(tmp_path / "p"), "--output_path_quality", "RowCount > 0"]

    assert process_legislators.main(argv, spark=spark) == 2
    assert capsys.readouterr().err.startswith("error: argument --output_path_quality is not the JSON the stack writes")


def test_without_deequ_on_the_classpath_the_error_says_to_run_setup(spark):
    # py4j hands back a JavaPackage, not an error, for a class the JVM cannot load
    missing_class = spark._jvm.com.amazon.deequ.dqdl.NoSuchEvaluator
    jvm = SimpleNamespace(com=SimpleNamespace(amazon=SimpleNamespace(deequ=SimpleNamespace(dqdl=SimpleNamespace(EvaluateDataQuality=missing_class)))), scala=spark._jvm.scala)
    frame = SimpleNamespace(sparkSession=SimpleNamespace(_jvm=jvm))

    with pytest.raises(RuntimeError, match=r"Deequ is not on local Spark's classpath .*run npm run setup"):
        evaluate_locally(frame, output_quality({"output_path" + QUALITY_ARG_SUFFIX: quality_argument("ProcessLegislators", "output_path")}, "output_path"), {})


def test_with_a_results_file_named_each_evaluation_is_published_to_it_as_one_line(spark, sample_paths, tmp_path, monkeypatch):
    results = tmp_path / "quality-results.jsonl"
    monkeypatch.setenv(RESULTS_FILE_ENV, str(results))
    quality = json.loads(quality_argument("ProcessLegislators", "output_path"))
    quality["rules"].append({"rule": "RowCount > 100"})
    quality["rules"].append({"rule": 'DetectAnomalies "RowCount"', "awsOnly": True})
    argv = ["--JOB_NAME", "dev-ProcessLegislators", "--input_path", sample_paths["persons"], "--output_path", str(tmp_path / "p"),
            "--output_path_quality", json.dumps(quality)]

    assert process_legislators.main(argv, spark=spark) == 3

    [record] = [json.loads(line) for line in results.read_text().splitlines()]
    assert record["evaluationContext"] == quality["context"] and record["output"] == "output_path"
    assert [r["rule"] for r in record["rules"] if not r["passed"]] == ["RowCount > 100"]
    assert {"rule": "RowCount > 100", "passed": False, "measured": "RowCount 8"} in record["rules"]
    assert len(record["rules"]) == 5 and record["skipped"] == ['DetectAnomalies "RowCount"']


def test_without_a_results_file_named_nothing_is_published(spark, sample_paths, tmp_path, monkeypatch):
    monkeypatch.delenv(RESULTS_FILE_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    argv = ["--JOB_NAME", "dev-ProcessLegislators", "--input_path", sample_paths["persons"], "--output_path", str(tmp_path / "p"),
            "--output_path_quality", quality_argument("ProcessLegislators", "output_path")]

    assert process_legislators.main(argv, spark=spark) == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == ["p"]
