"""The sample data generator: its committed output is current, and it has the edge cases it promises."""
import json

import make_sample_data
from conftest import SAMPLE_DATA_DIR, SAMPLE_DATASET_DIR

FILES = ("persons.json", "memberships.json", "organizations.json")


def read_records(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_the_committed_sample_data_is_what_the_generator_writes(tmp_path):
    make_sample_data.main([str(tmp_path)])

    for name in FILES:
        written = tmp_path / make_sample_data.DATASET_KEY / name
        assert written.read_bytes() == (SAMPLE_DATASET_DIR / name).read_bytes(), f"rerun make_sample_data.py: {name} is stale"


def test_the_layout_maps_the_s3_key_onto_the_data_directory():
    # s3://awsglue-datasets/examples/us-legislators/all/persons.json -> <data dir>/awsglue-datasets/...
    assert SAMPLE_DATASET_DIR == SAMPLE_DATA_DIR / make_sample_data.DATASET_KEY
    assert sorted(path.name for path in SAMPLE_DATASET_DIR.iterdir()) == sorted(FILES)


def test_row_counts():
    assert [len(read_records(SAMPLE_DATASET_DIR / name)) for name in FILES] == [8, 11, 5]


def test_the_edge_cases_are_there():
    persons = read_records(SAMPLE_DATASET_DIR / "persons.json")
    memberships = read_records(SAMPLE_DATASET_DIR / "memberships.json")
    organization_ids = {org["id"] for org in read_records(SAMPLE_DATASET_DIR / "organizations.json")}
    person_ids = {person["id"] for person in persons}
    names = [person["name"] for person in persons]

    assert len(person_ids) == len(persons), "ids are unique"
    assert len(set(names)) == len(names) - 1, "exactly two persons share a name"
    assert any(not name.isascii() for name in names)
    assert person_ids - {m["person_id"] for m in memberships}, "a person without membership"
    assert [m["organization_id"] for m in memberships if m["organization_id"] not in organization_ids] == ["unknown-committee"]
    assert [m["person_id"] for m in memberships if m["person_id"] not in person_ids] == ["unknown-person"]
    assert any(person.get("image", "") is None for person in persons), "a null field"
    assert any("death_date" not in person for person in persons), "a missing field"
