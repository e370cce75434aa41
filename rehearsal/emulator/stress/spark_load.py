"""CPU load as a rehearsal's Glue job runs make it: a local Spark JVM computing until a deadline.

    python spark_load.py SECONDS
"""

import sys
import time

from pyspark.sql import SparkSession

deadline = time.monotonic() + float(sys.argv[1])
spark = SparkSession.builder.master("local[2]").appName("emulator-stress-load").config("spark.ui.enabled", "false").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate()
rounds = 0
while time.monotonic() < deadline:
    spark.range(0, 4_000_000).selectExpr("sum(hash(id, id * 7) % 1000) as s").collect()
    rounds += 1
spark.stop()
print(f"spark load: {rounds} rounds")
