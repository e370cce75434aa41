"""Pure transforms of the legislators jobs: DataFrame in, DataFrame out, no I/O and no awsglue."""
from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F

# The clean persons table written by ProcessLegislators: flat, one string or date column each,
# in this order, whatever subset of them the input file happens to contain.
PERSON_COLUMNS = (
    "id",
    "name",
    "sort_name",
    "given_name",
    "family_name",
    "gender",
    "birth_date",
    "death_date",
    "image",
)
PERSON_DATE_COLUMNS = ("birth_date", "death_date")
# Only full ISO dates become dates; a cast would turn a year-only "1948" into 1948-01-01.
_ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"

ORGANIZATION_DROPPED_COLUMNS = ("other_names", "identifiers")
ORGANIZATION_RENAMES = {"id": "org_id", "name": "org_name"}
JOIN_DROPPED_COLUMNS = ("person_id", "org_id")
# The summary written by SummarizeLegislators: one row per organization and role.
SUMMARY_KEYS = ("org_name", "role")


def clean_persons(persons: DataFrame) -> DataFrame:
    """The persons as a flat table with a fixed schema (PERSON_COLUMNS).

    Strings are trimmed and empty strings become null; gender is lower-cased; birth and death
    dates become DateType (anything but a full yyyy-MM-dd date becomes null); a column missing
    from the input is all null. Nested arrays (links, identifiers, ...) are left out. Every input
    row is kept, including persons who share a name.
    """
    return persons.select(*(_clean_person_column(persons, name).alias(name) for name in PERSON_COLUMNS))


def _clean_person_column(persons: DataFrame, name: str) -> Column:
    if name in persons.columns:
        trimmed = F.trim(F.col(name).cast("string"))
        value = F.when(trimmed != "", trimmed)
    else:
        value = F.lit(None).cast("string")
    if name in PERSON_DATE_COLUMNS:
        return F.when(value.rlike(_ISO_DATE), value.cast("date"))
    if name == "gender":
        return F.lower(value)
    return value


def organizations_for_join(organizations: DataFrame) -> DataFrame:
    """Step 1 of JoinLegislators: drop other_names and identifiers, rename id and name."""
    renamed = organizations.drop(*ORGANIZATION_DROPPED_COLUMNS)
    for old, new in ORGANIZATION_RENAMES.items():
        renamed = renamed.withColumnRenamed(old, new)
    return renamed


def join_legislators(persons: DataFrame, memberships: DataFrame, organizations: DataFrame) -> DataFrame:
    """JoinLegislators: each membership with its person and its organization (inner joins).

    persons.id == memberships.person_id, then organizations.org_id == organization_id, and
    person_id and org_id dropped, as in the seed's Glue job. A Glue DynamicFrame join merges
    same-named fields silently; a DataFrame join would keep both and Parquet would refuse them,
    so a right-hand column whose name is taken gets a prefix: the organization's `links` and
    `image` become `org_links` and `org_image`.
    """
    memberships = _prefix_taken_columns(memberships, persons.columns, "membership_")
    person_memberships = persons.join(memberships, persons["id"] == memberships["person_id"], "inner")
    organizations = _prefix_taken_columns(organizations_for_join(organizations), person_memberships.columns, "org_")
    history = person_memberships.join(
        organizations, person_memberships["organization_id"] == organizations["org_id"], "inner"
    )
    return history.drop(*JOIN_DROPPED_COLUMNS)


def _prefix_taken_columns(frame: DataFrame, taken: list[str], prefix: str) -> DataFrame:
    for name in frame.columns:
        if name in taken:
            frame = frame.withColumnRenamed(name, prefix + name)
    return frame


def summarize_memberships(history: DataFrame) -> DataFrame:
    """SummarizeLegislators: per organization and role, the memberships and the distinct persons holding them.

    `history` is JoinLegislators' output (one row per membership, the person's id in `id`).
    Columns: org_name, role, memberships, persons. A null organization name or role is a group of
    its own, so every membership is counted once.
    """
    return history.groupBy(*SUMMARY_KEYS).agg(
        F.count(F.lit(1)).alias("memberships"),
        F.countDistinct("id").alias("persons"),
    )
