"""Writes the sample us-legislators data that the job-script tests and local runs read.

The three files have the shape of the public AWS Glue example data (JSON lines, same field names
and nesting), with fictional people and a few deliberate edge cases:
  - a person with no membership (dropped by the inner join),
  - a membership of an unknown organization and one of an unknown person (both dropped),
  - two different persons who share a name,
  - missing and null fields, an empty gender, a year-only birth date,
  - non-ASCII names, written as UTF-8.
Organizations include parties, which memberships reference only through on_behalf_of_id, as in the
real data, so they never match the join on organization_id.

The layout follows the rule `s3://BUCKET/KEY` -> `<data dir>/BUCKET/KEY`:
    python job_scripts/make_sample_data.py [DATA_DIR]   (default: job_scripts/sample_data)
"""
import json
import sys
import uuid
from pathlib import Path

SAMPLE_DATA_DIR = Path(__file__).resolve().parent / "sample_data"
DATASET_KEY = "awsglue-datasets/examples/us-legislators/all"
# Ids are UUIDs like the real data's, derived from a fixed namespace so every run writes the same bytes.
ID_NAMESPACE = uuid.UUID("5b0c6f1e-4a0d-4c55-9d1e-7a3f2b8c9d01")
HOUSE = "house"
SENATE = "senate"
UNKNOWN_ORG = "unknown-committee"
UNKNOWN_PERSON = "unknown-person"


def stable_id(slug: str) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, slug))


def stable_number(slug: str) -> int:
    """Six digits derived from the slug, for bioguide- and wikidata-like identifiers."""
    return uuid.uuid5(ID_NAMESPACE, slug).int % 1_000_000


def person(slug, given, family, gender, birth_date, *, death_date=None, extra=None):
    """A persons.json record; fields are left out rather than null where the real data leaves them out."""
    name = f"{given} {family}"
    record = {
        "id": stable_id(slug),
        "name": name,
        "given_name": given,
        "family_name": family,
        "sort_name": f"{family}, {given}",
        "gender": gender,
        "birth_date": birth_date,
        "image": f"https://example.org/legislators/{slug}.jpg",
        "images": [{"url": f"https://example.org/legislators/{slug}.jpg"}],
        "links": [{"note": "Wikipedia (en)", "url": f"https://example.org/wiki/{slug}"}],
        "identifiers": [
            {"scheme": "bioguide", "identifier": f"{slug[0].upper()}{stable_number(slug):06d}"},
            {"scheme": "wikidata", "identifier": f"Q{stable_number(slug)}"},
        ],
        "other_names": [{"lang": "en", "note": "multilingual", "name": name}],
        "contact_details": [{"type": "twitter", "value": slug.replace("-", "")}],
    }
    if death_date is not None:
        record["death_date"] = death_date
    record.update(extra or {})
    return record


PERSONS = [
    person("ada-whitfield", "Ada", "Whitfield", "female", "1950-03-14"),
    person("bernard-okafor", "Bernard", "Okafor", "male", "1931-11-02", death_date="2011-07-19"),
    person("john-smith-1940", "John", "Smith", "male", "1940-01-20", death_date="2019-05-01"),
    person("john-smith-1962", "John", "Smith", "male", "1962-08-30"),
    person("jose-nunez", "José", "Núñez", "male", "1958-12-05"),
    person("zoe-bronte", "Zoë", "Brontë-Łukasik", "female", "1971-06-21"),
    # Sparse record: no image, links or contact details; empty gender; year-only birth date.
    person(
        "marion-kettle", "Marion", "Kettle", "", "1948",
        extra={"image": None, "images": [], "links": [], "contact_details": []},
    ),
    person("harriet-vance", "Harriet", "Vance", "female", "1966-02-11"),  # has no membership
]


def organization(slug, name, classification, *, seats=None, type_=None):
    record = {
        "id": slug if slug.startswith("party/") else stable_id(slug),
        "name": name,
        "classification": classification,
        "image": f"https://example.org/organizations/{slug.replace('/', '-')}.png",
        "links": [{"note": "website", "url": f"https://example.org/{slug}"}],
        "identifiers": [{"scheme": "wikidata", "identifier": f"Q{stable_number(slug)}"}],
        "other_names": [{"lang": "en", "note": "multilingual", "name": name}],
    }
    if seats is not None:
        record.update(seats=seats, type=type_)
    return record


ORGANIZATIONS = [
    organization(HOUSE, "House", "legislature", seats=435, type_="lower house"),
    organization(SENATE, "Senate", "legislature", seats=100, type_="upper house"),
    organization("party/democrat", "Democrat", "party"),
    organization("party/republican", "Republican", "party"),
    organization("party/independent", "Independent", "party"),
]


def membership(person_slug, org_slug, party, term, start_date, end_date, area):
    """A memberships.json record; unknown slugs keep their raw text, so they match nothing."""
    person_id = UNKNOWN_PERSON if person_slug == UNKNOWN_PERSON else stable_id(person_slug)
    organization_id = UNKNOWN_ORG if org_slug == UNKNOWN_ORG else stable_id(org_slug)
    return {
        "person_id": person_id,
        "organization_id": organization_id,
        "role": "member",
        "on_behalf_of_id": party,
        "legislative_period_id": term,
        "start_date": start_date,
        "end_date": end_date,
        "area_id": area,
    }


STATE = "ocd-division/country:us/state:"
MEMBERSHIPS = [
    membership("ada-whitfield", HOUSE, "party/democrat", "term/113", "2013-01-03", "2015-01-03", STATE + "vt/cd:1"),
    membership("ada-whitfield", HOUSE, "party/democrat", "term/114", "2015-01-03", "2017-01-03", STATE + "vt/cd:1"),
    membership("bernard-okafor", SENATE, "party/republican", "term/100", "1987-01-06", "1993-01-03", STATE + "oh"),
    membership("john-smith-1940", HOUSE, "party/republican", "term/105", "1997-01-07", "1999-01-03", STATE + "tx/cd:4"),
    membership("john-smith-1962", HOUSE, "party/democrat", "term/115", "2017-01-03", "2019-01-03", STATE + "ny/cd:9"),
    membership("john-smith-1962", SENATE, "party/democrat", "term/116", "2019-01-03", "2025-01-03", STATE + "ny"),
    membership("jose-nunez", HOUSE, "party/independent", "term/116", "2019-01-03", "2021-01-03", STATE + "nm/cd:2"),
    membership("zoe-bronte", SENATE, "party/democrat", "term/117", "2021-01-03", None, STATE + "wa"),
    # A current member with no area and no end date yet.
    membership("marion-kettle", HOUSE, None, "term/118", "2023-01-03", None, None),
    # Dropped by the inner joins: an organization that is not in organizations.json, and a person not in persons.json.
    membership("john-smith-1940", UNKNOWN_ORG, "party/republican", "term/105", "1997-01-07", "1999-01-03", None),
    membership(UNKNOWN_PERSON, SENATE, "party/republican", "term/110", "2007-01-04", "2009-01-03", STATE + "ks"),
]

DATASETS = {"persons.json": PERSONS, "memberships.json": MEMBERSHIPS, "organizations.json": ORGANIZATIONS}


def json_lines(records) -> str:
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)


def write_sample_data(data_dir: Path) -> list[Path]:
    """Writes the three JSON-lines files under `<data_dir>/<DATASET_KEY>/` and returns their paths."""
    target = Path(data_dir) / DATASET_KEY
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for file_name, records in DATASETS.items():
        path = target / file_name
        path.write_text(json_lines(records), encoding="utf-8")
        written.append(path)
    return written


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    data_dir = Path(argv[0]) if argv else SAMPLE_DATA_DIR
    for path in write_sample_data(data_dir):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
