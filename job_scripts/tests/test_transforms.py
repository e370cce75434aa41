"""The pure transforms, on the sample data and on small frames made here."""
import datetime

import pytest
from pyspark.sql import Row
from pyspark.testing.utils import assertDataFrameEqual, assertSchemaEqual

from legislators.transforms import (
    PERSON_COLUMNS,
    clean_persons,
    join_legislators,
    organizations_for_join,
    summarize_memberships,
)
from make_sample_data import stable_id

CLEAN_PERSONS_DDL = (
    "id string, name string, sort_name string, given_name string, family_name string, gender string, "
    "birth_date date, death_date date, image string"
)
LINKS = "array<struct<note: string, url: string>>"
ORGANIZATIONS_FOR_JOIN_DDL = f"classification string, org_id string, image string, links {LINKS}, org_name string, seats bigint, type string"
HISTORY_DDL = (
    # persons, in the order JSON schema inference gives (by name)
    "birth_date string, contact_details array<struct<type: string, value: string>>, death_date string, "
    "family_name string, gender string, given_name string, id string, "
    "identifiers array<struct<identifier: string, scheme: string>>, image string, images array<struct<url: string>>, "
    f"links {LINKS}, name string, other_names array<struct<lang: string, name: string, note: string>>, sort_name string, "
    # memberships without person_id
    "area_id string, end_date string, legislative_period_id string, on_behalf_of_id string, organization_id string, "
    "role string, start_date string, "
    # organizations without org_id; the names persons already use get the org_ prefix
    f"classification string, org_image string, org_links {LINKS}, org_name string, seats bigint, type string"
)
SUMMARY_DDL = "org_name string, role string, memberships bigint, persons bigint"
HOUSE_ID, SENATE_ID = stable_id("house"), stable_id("senate")
STATE = "ocd-division/country:us/state:"


def date(text):
    return datetime.date.fromisoformat(text)


def image(slug):
    return f"https://example.org/legislators/{slug}.jpg"


@pytest.fixture(scope="module")
def sample(spark, sample_paths):
    return {name: spark.read.json(path) for name, path in sample_paths.items()}


def test_clean_persons_on_the_sample_keeps_every_person_with_a_fixed_flat_schema(spark, sample):
    cleaned = clean_persons(sample["persons"])

    assertSchemaEqual(cleaned.schema, spark.createDataFrame([], CLEAN_PERSONS_DDL).schema)
    assert tuple(cleaned.columns) == PERSON_COLUMNS
    assertDataFrameEqual(
        cleaned,
        [
            (stable_id("ada-whitfield"), "Ada Whitfield", "Whitfield, Ada", "Ada", "Whitfield", "female",
             date("1950-03-14"), None, image("ada-whitfield")),
            (stable_id("bernard-okafor"), "Bernard Okafor", "Okafor, Bernard", "Bernard", "Okafor", "male",
             date("1931-11-02"), date("2011-07-19"), image("bernard-okafor")),
            (stable_id("john-smith-1940"), "John Smith", "Smith, John", "John", "Smith", "male",
             date("1940-01-20"), date("2019-05-01"), image("john-smith-1940")),
            (stable_id("john-smith-1962"), "John Smith", "Smith, John", "John", "Smith", "male",
             date("1962-08-30"), None, image("john-smith-1962")),
            (stable_id("jose-nunez"), "José Núñez", "Núñez, José", "José", "Núñez", "male",
             date("1958-12-05"), None, image("jose-nunez")),
            (stable_id("zoe-bronte"), "Zoë Brontë-Łukasik", "Brontë-Łukasik, Zoë", "Zoë", "Brontë-Łukasik", "female",
             date("1971-06-21"), None, image("zoe-bronte")),
            # empty gender and year-only birth date become null; the image was null already
            (stable_id("marion-kettle"), "Marion Kettle", "Kettle, Marion", "Marion", "Kettle", None,
             None, None, None),
            (stable_id("harriet-vance"), "Harriet Vance", "Vance, Harriet", "Harriet", "Vance", "female",
             date("1966-02-11"), None, image("harriet-vance")),
        ],
    )


def test_clean_persons_trims_lowercases_rejects_bad_dates_and_fills_missing_columns(spark):
    persons = spark.createDataFrame(
        [("p1", "  Ann Lee ", " Male", "2023-02-30", "   "), ("p2", "Bo", "FEMALE", "1990-1-2", "1999-12-31")],
        "id string, name string, gender string, birth_date string, death_date string",
    )

    assertDataFrameEqual(
        clean_persons(persons),
        [
            Row(id="p1", name="Ann Lee", sort_name=None, given_name=None, family_name=None, gender="male",
                birth_date=None, death_date=None, image=None),
            Row(id="p2", name="Bo", sort_name=None, given_name=None, family_name=None, gender="female",
                birth_date=None, death_date=date("1999-12-31"), image=None),
        ],
    )


def test_organizations_for_join_drops_other_names_and_identifiers_and_renames_id_and_name(spark, sample):
    organizations = organizations_for_join(sample["organizations"])

    assertSchemaEqual(organizations.schema, spark.createDataFrame([], ORGANIZATIONS_FOR_JOIN_DDL).schema)

    def org(slug, org_id, classification, name, seats=None, type_=None):
        picture = f"https://example.org/organizations/{slug.replace('/', '-')}.png"
        links = [Row(note="website", url=f"https://example.org/{slug}")]
        return Row(classification=classification, org_id=org_id, image=picture, links=links,
                   org_name=name, seats=seats, type=type_)

    assertDataFrameEqual(
        organizations,
        [
            org("house", HOUSE_ID, "legislature", "House", 435, "lower house"),
            org("senate", SENATE_ID, "legislature", "Senate", 100, "upper house"),
            org("party/democrat", "party/democrat", "party", "Democrat"),
            org("party/republican", "party/republican", "party", "Republican"),
            org("party/independent", "party/independent", "party", "Independent"),
        ],
    )


def test_join_legislators_on_the_sample_gives_one_row_per_matched_membership(spark, sample):
    history = join_legislators(sample["persons"], sample["memberships"], sample["organizations"])

    assertSchemaEqual(history.schema, spark.createDataFrame([], HISTORY_DDL).schema)
    # Not here: Harriet Vance (no membership), the membership of an unknown organization and
    # that of an unknown person. Both John Smiths are, each with their own memberships.
    assertDataFrameEqual(
        history.select("id", "name", "legislative_period_id", "end_date", "area_id", "on_behalf_of_id", "org_name", "seats"),
        [
            (stable_id("ada-whitfield"), "Ada Whitfield", "term/113", "2015-01-03", STATE + "vt/cd:1", "party/democrat", "House", 435),
            (stable_id("ada-whitfield"), "Ada Whitfield", "term/114", "2017-01-03", STATE + "vt/cd:1", "party/democrat", "House", 435),
            (stable_id("bernard-okafor"), "Bernard Okafor", "term/100", "1993-01-03", STATE + "oh", "party/republican", "Senate", 100),
            (stable_id("john-smith-1940"), "John Smith", "term/105", "1999-01-03", STATE + "tx/cd:4", "party/republican", "House", 435),
            (stable_id("john-smith-1962"), "John Smith", "term/115", "2019-01-03", STATE + "ny/cd:9", "party/democrat", "House", 435),
            (stable_id("john-smith-1962"), "John Smith", "term/116", "2025-01-03", STATE + "ny", "party/democrat", "Senate", 100),
            (stable_id("jose-nunez"), "José Núñez", "term/116", "2021-01-03", STATE + "nm/cd:2", "party/independent", "House", 435),
            (stable_id("zoe-bronte"), "Zoë Brontë-Łukasik", "term/117", None, STATE + "wa", "party/democrat", "Senate", 100),
            (stable_id("marion-kettle"), "Marion Kettle", "term/118", None, None, None, "House", 435),
        ],
    )


def test_join_legislators_keeps_the_persons_links_and_image_and_prefixes_the_organizations(sample):
    history = join_legislators(sample["persons"], sample["memberships"], sample["organizations"])

    assertDataFrameEqual(
        history.where(history.legislative_period_id == "term/117").select("links", "image", "org_links", "org_image"),
        [
            Row(
                links=[Row(note="Wikipedia (en)", url="https://example.org/wiki/zoe-bronte")],
                image=image("zoe-bronte"),
                org_links=[Row(note="website", url="https://example.org/senate")],
                org_image="https://example.org/organizations/senate.png",
            )
        ],
    )


def test_join_legislators_prefixes_a_membership_column_that_a_person_column_already_has(spark):
    persons = spark.createDataFrame([("p1", "Ann", "note on Ann")], "id string, name string, note string")
    memberships = spark.createDataFrame([("p1", "o1", "note on the seat")], "person_id string, organization_id string, note string")
    organizations = spark.createDataFrame([("o1", "House")], "id string, name string")

    assertDataFrameEqual(
        join_legislators(persons, memberships, organizations),
        [Row(id="p1", name="Ann", note="note on Ann", organization_id="o1", membership_note="note on the seat", org_name="House")],
    )


def test_summarize_memberships_on_the_sample_history(spark, sample):
    history = join_legislators(sample["persons"], sample["memberships"], sample["organizations"])

    summary = summarize_memberships(history)

    assertSchemaEqual(summary.schema, spark.createDataFrame([], SUMMARY_DDL).schema)
    # House: Ada Whitfield twice, both John Smiths, José Núñez and Marion Kettle. Senate: Bernard
    # Okafor, the younger John Smith and Zoë Brontë-Łukasik.
    assertDataFrameEqual(summary, [("House", "member", 6, 5), ("Senate", "member", 3, 3)])


def test_summarize_memberships_groups_by_organization_and_role_and_counts_each_person_once(spark):
    history = spark.createDataFrame(
        [
            ("p1", "House", "member"),
            ("p1", "House", "member"),  # a second term: one more membership, the same person
            ("p1", "House", "speaker"),
            ("p2", "House", "member"),
            ("p2", "Senate", "member"),
            ("p3", "Senate", None),
            ("p4", None, "member"),
        ],
        "id string, org_name string, role string",
    )

    assertDataFrameEqual(
        summarize_memberships(history),
        [
            ("House", "member", 3, 2),
            ("House", "speaker", 1, 1),
            ("Senate", "member", 1, 1),
            ("Senate", None, 1, 1),
            (None, "member", 1, 1),
        ],
    )
