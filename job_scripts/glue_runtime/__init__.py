"""The runtime every Glue job script uses, whatever its data: arguments, session, storage, exit codes.

Shipped to Glue in the `--extra-py-files` zip with the jobs' own packages, so it imports only the
standard library and pyspark at module level; `awsglue` is imported inside the Glue branch of
`job_session` alone. It knows nothing of any one job's data.

Modules:
    job_args     local argument parsing with Glue's `--name value` conventions
    job_session  the Spark session and job lifecycle, on Glue or on a laptop
    storage      reading JSON lines, Parquet outputs and Data Catalog tables, with errors that name them
    entrypoint   `run_job`: wires the above together and turns errors into exit codes
    chain        runs several jobs in order on one local SparkSession (local runs only)
"""
