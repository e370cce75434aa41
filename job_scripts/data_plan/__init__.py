"""The data plan's local side: runs the base and the head of changed jobs on one local SparkSession
and compares what they wrote. Local only, never shipped to Glue (not in pythonLibraries).

Modules:
    contract  an output's schema as data, and where a frame breaks its declared schema
    recorder  notes the schema of every frame a job writes, through glue_runtime.storage
    row_diff  base against head by keys, with datacompy's Spark comparison
    driver    `python -m data_plan.driver`: one session, every run of a plan, JSON out
"""
