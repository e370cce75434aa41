"""Shared code of the legislators Glue jobs.

Shipped to Glue as a zip through `--extra-py-files`, so it imports only the standard library and
pyspark at module level; `awsglue` is imported inside the Glue branch of `job_session` alone.

Modules:
    transforms   pure DataFrame -> DataFrame functions (no I/O)
    job_args     local argument parsing with Glue's `--name value` conventions
    job_session  the Spark session and job lifecycle, on Glue or on a laptop
    storage      reading JSON lines with clear errors, writing Parquet
    entrypoint   `run_job`: wires the above together and turns errors into exit codes
"""
