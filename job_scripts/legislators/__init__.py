"""The legislators example's transforms: pure DataFrame -> DataFrame functions, no I/O and no awsglue.

Shipped to Glue in the `--extra-py-files` zip, so it imports only the standard library and pyspark.
The jobs' runtime (arguments, session, storage) is the separate `glue_runtime` package.
"""
