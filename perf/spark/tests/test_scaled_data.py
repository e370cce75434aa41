"""The scaled inputs keep what the sample has: unique keys, the references' match rate, hot keys' share, and the same bytes every run."""
import json

import pytest
from pyspark.sql import functions as F

from sample_profile import profile_samples
from scaled_data import write_scaled_inputs

UUID = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
PEOPLE = [
    {"id": "00000000-0000-4000-8000-00000000000%d" % i, "name": n, "born": b}
    for i, (n, b) in enumerate([("Ada", "1950-01-01"), ("Bo", "1960-02-02"), ("Cy", "1970-03-03"), ("Di", "1980")])
]
# 8 rows: 6 of org "big" (hot), 1 of "small", 1 of an unknown org; person 3 twice, one unknown person.
ROWS = [(0, "big"), (1, "big"), (2, "big"), (3, "big"), (3, "big"), (0, "big"), (1, "small"), (None, "nowhere")]
ORGS = [{"id": "big", "name": "Big"}, {"id": "small", "name": "Small"}, {"id": "idle", "name": "Idle"}]


@pytest.fixture(scope="module")
def samples(spark, tmp_path_factory):
    folder = tmp_path_factory.mktemp("sample")
    memberships = [{"person_id": PEOPLE[p]["id"] if p is not None else "nobody", "org_id": o, "role": "member"} for p, o in ROWS]
    frames, sizes = {}, {}
    for name, rows in {"people": PEOPLE, "memberships": memberships, "orgs": ORGS}.items():
        path = folder / f"{name}.json"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows))
        frames[name] = spark.read.json(str(path)).cache()
        sizes[name] = path.stat().st_size
    return frames, sizes


@pytest.fixture(scope="module")
def scaled(spark, samples, tmp_path_factory):
    frames, sizes = samples
    profile = profile_samples(frames)
    out = tmp_path_factory.mktemp("scaled")
    targets = {name: str(out / name) for name in frames}
    written = write_scaled_inputs(spark, frames, sizes, targets, 50, profile, seed=7)
    return profile, {w.name: w for w in written}, {name: spark.read.json(path) for name, path in targets.items()}


def test_the_profile_finds_keys_references_and_hot_values(samples):
    profile = profile_samples(samples[0])
    assert set(profile.keys) == {("people", "id"), ("people", "name"), ("orgs", "id"), ("orgs", "name")}  # born is a date, not a key
    assert profile.keys[("people", "id")].style == "uuid"
    person = profile.references[("memberships", "person_id")]
    assert (person.target.table, person.target.column, person.match_rate, person.hot_values) == ("people", "id", 7 / 8, ())
    org = profile.references[("memberships", "org_id")]
    assert (org.match_rate, org.hot_values) == (7 / 8, ("big",))


def test_every_input_has_sample_rows_times_copies(scaled):
    _, written, frames = scaled
    assert {name: w.rows for name, w in written.items()} == {"people": 200, "memberships": 400, "orgs": 150}
    assert {name: f.count() for name, f in frames.items()} == {"people": 200, "memberships": 400, "orgs": 150}
    assert all(w.bytes > 0 for w in written.values())


def test_keys_stay_unique_and_keep_their_style(scaled):
    _, _, frames = scaled
    people = frames["people"]
    assert people.select("id").distinct().count() == 200
    assert people.where(~F.col("id").rlike(UUID)).count() == 0
    assert frames["orgs"].select("id").distinct().count() == 150
    # Values that are not keys are the sample's own.
    assert {r.born for r in people.select("born").distinct().collect()} == {p["born"] for p in PEOPLE}


def test_references_keep_their_match_rate(scaled):
    _, _, frames = scaled
    m = frames["memberships"]
    assert m.join(frames["people"], m.person_id == frames["people"].id, "left_semi").count() == 400 * 7 // 8
    assert m.join(frames["orgs"], m.org_id == frames["orgs"].id, "left_semi").count() == 400 * 7 // 8


def test_a_hot_key_keeps_its_share_and_other_keys_spread_over_the_copies(scaled):
    _, _, frames = scaled
    by_org = {r.org_id: r["count"] for r in frames["memberships"].groupBy("org_id").count().collect()}
    assert by_org["big"] == 300  # 6 of 8 rows, as in the sample: one key, not one per copy
    small = [n for k, n in by_org.items() if k == "small" or k.startswith("small~")]
    assert sum(small) == 50 and len(small) > 10
    by_person = frames["memberships"].groupBy("person_id").count()
    assert by_person.agg(F.max("count")).first()[0] < 20  # spread: no person holds a hot share


def test_the_same_seed_writes_the_same_data(spark, samples, scaled, tmp_path):
    frames, sizes = samples
    targets = {name: str(tmp_path / name) for name in frames}
    write_scaled_inputs(spark, frames, sizes, targets, 50, scaled[0], seed=7)
    rows = lambda frame: sorted(json.dumps(r.asDict(), sort_keys=True) for r in frame.collect())  # noqa: E731
    assert rows(spark.read.json(targets["memberships"])) == rows(scaled[2]["memberships"])
    assert rows(spark.read.json(targets["people"])) == rows(scaled[2]["people"])
