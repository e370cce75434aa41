"""How a rehearsal job run's Spark reaches S3: through S3A, as Glue 5.1 does, against the emulator.

Glue 5.1 made Hadoop's S3A the S3 connector of Spark jobs in place of EMRFS ("Migrating AWS Glue for
Spark jobs to AWS Glue version 5.1", Breaking changes: https://docs.aws.amazon.com/glue/latest/dg/migrating-version-51.html),
for the s3:// scheme too (Amazon EMR Release Guide, "Migration Guide: EMRFS to S3A Filesystem":
s3://, s3n:// and s3a:// all map to S3A, "Glue ETL environments" included). A run's Spark therefore gets:

| setting | value | why |
| --- | --- | --- |
| fs.s3.impl, fs.s3a.impl | S3AFileSystem | the job's s3:// paths go through S3A |
| fs.s3a.endpoint, fs.s3a.path.style.access | the emulator's https endpoint, true | one host serves every bucket |
| javax.net.ssl.trustStore | a PKCS12 store of the run's CA (ca.pem) | TLS verified, as on AWS, against the emulator's own CA |
| fs.s3a.aws.credentials.provider | TemporaryAWSCredentialsProvider with the run's session | every request is the job role's |
| fs.s3a.encryption.algorithm / .key | SSE-KMS, the security configuration's key | Glue writes with its security configuration |
| committer | Hadoop's FileOutputCommitter, algorithm 1 | see the gap glue-job-run-committer |
| fs.s3a.audit.* | the LoggingAuditor, with its Referer header | each request names its filesystem operation |

The Spark config is assembled in one place, `spark_defaults`, and handed to the script's Spark through
$SPARK_CONF_DIR/spark-defaults.conf, so the job script and its session code stay as they are on Glue. The
truststore goes in spark.driver.defaultJavaOptions, which Spark puts before the session's own
spark.driver.extraJavaOptions (the job runtime sets those), so neither replaces the other.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Optional, Sequence

#: The project: moto_support/ is rehearsal/emulator/moto_support/.
PROJECT_DIR = Path(__file__).resolve().parents[3]
JAR_REQUIREMENTS = PROJECT_DIR / "requirements-jars.txt"
#: Where .ci/fetch-jars puts the jars ($JARS_DIR overrides it, as it does for fetch-jars).
JARS_DIR_ENV = "JARS_DIR"
#: The artifacts of requirements-jars.txt that S3A needs on Spark's classpath.
S3A_ARTIFACTS = ("hadoop-aws", "aws-java-sdk-bundle")
TRUSTSTORE_PASSWORD = "rehearsal"
S3A = "org.apache.hadoop.fs.s3a.S3AFileSystem"


class JarError(Exception):
    """A jar S3A needs is missing or not the pinned one; the message names it and the fix."""


@dataclass(frozen=True)
class S3aSession:
    """What a run's S3A needs to know: where S3 is, whom to trust, whom to act as, and which key to write with."""

    endpoint: str
    region: str
    truststore: Path
    access_key_id: str
    secret_access_key: str
    session_token: str
    sse_kms_key: Optional[str] = None


def jars_dir() -> Path:
    given = os.environ.get(JARS_DIR_ENV)
    return Path(given).resolve() if given else PROJECT_DIR / ".jars"


def _pinned(requirements: Path) -> dict[str, tuple[str, str]]:
    """artifact -> (file name, sha256) of requirements-jars.txt."""
    pinned: dict[str, tuple[str, str]] = {}
    for line in requirements.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) != 2 or line.startswith("#"):
            continue
        _group, artifact, version = parts[0].split(":")
        pinned[artifact] = (f"{artifact}-{version}.jar", parts[1])
    return pinned


_verified: dict[tuple[str, int, int], str] = {}
_verify_lock = threading.Lock()


def _sha256(path: Path) -> str:
    """The jar's checksum, computed once per file version (path, size, mtime) in this process."""
    stat = path.stat()
    stamp = (str(path), stat.st_size, stat.st_mtime_ns)
    with _verify_lock:
        if stamp not in _verified:
            digest = hashlib.sha256()
            with open(path, "rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
            _verified[stamp] = digest.hexdigest()
        return _verified[stamp]


def pinned_jars(artifacts: Sequence[str] = S3A_ARTIFACTS, directory: Optional[Path] = None, requirements: Path = JAR_REQUIREMENTS) -> list[Path]:
    """The jars of `artifacts`, each checked against its pin in requirements-jars.txt."""
    directory = directory or jars_dir()
    pinned = _pinned(requirements)
    jars = []
    for artifact in artifacts:
        if artifact not in pinned:
            raise JarError(f"{requirements.name} pins no {artifact}; add its group:artifact:version and sha256")
        name, want = pinned[artifact]
        path = directory / name
        if not path.is_file():
            raise JarError(f"{path} is missing; run .ci/fetch-jars (npm run setup does) to fetch the jars of {requirements.name}")
        got = _sha256(path)
        if got != want:
            raise JarError(f"{path} has sha256 {got}, {requirements.name} pins {want}; delete it and run .ci/fetch-jars")
        jars.append(path)
    return jars


_truststores: dict[str, Path] = {}
_truststore_lock = threading.Lock()


def truststore_of(ca_pem: str, directory: Path) -> Path:
    """A PKCS12 truststore holding the CA of ca_pem (made once per CA with the JDK's keytool)."""
    with _truststore_lock:
        if ca_pem in _truststores and _truststores[ca_pem].is_file():
            return _truststores[ca_pem]
        directory.mkdir(parents=True, exist_ok=True)
        store = directory / "emulator-ca.p12"
        store.unlink(missing_ok=True)
        subprocess.run(
            ["keytool", "-importcert", "-noprompt", "-alias", "emulator-ca", "-file", ca_pem, "-keystore", str(store), "-storetype", "PKCS12", "-storepass", TRUSTSTORE_PASSWORD],
            check=True,
            capture_output=True,
        )
        _truststores[ca_pem] = store
        return store


def spark_defaults(session: S3aSession, jars: Sequence[Path]) -> dict[str, str]:
    """The Spark config of one run: `jars` on the driver's classpath (local mode: the executors are in it
    too) and S3A set up as the module docstring's table says. Other jars a run needs join `jars`."""
    s3a = {
        "fs.s3.impl": S3A,
        "fs.s3a.impl": S3A,
        "fs.AbstractFileSystem.s3.impl": "org.apache.hadoop.fs.s3a.S3A",
        "fs.s3a.endpoint": session.endpoint,
        "fs.s3a.endpoint.region": session.region,
        "fs.s3a.path.style.access": "true",
        "fs.s3a.connection.ssl.enabled": "true",
        "fs.s3a.aws.credentials.provider": "org.apache.hadoop.fs.s3a.TemporaryAWSCredentialsProvider",
        "fs.s3a.access.key": session.access_key_id,
        "fs.s3a.secret.key": session.secret_access_key,
        "fs.s3a.session.token": session.session_token,
        # A run is short and the emulator near: fail fast rather than retry for minutes.
        "fs.s3a.attempts.maximum": "2",
        "fs.s3a.retry.limit": "2",
        "mapreduce.fileoutputcommitter.algorithm.version": "1",
        # S3A's auditing names the filesystem operation of each request in its Referer header, which the
        # call recorder keeps (call_recorder.s3a_operation): a denied call then names its Spark operation.
        "fs.s3a.audit.enabled": "true",
        "fs.s3a.audit.service.classname": "org.apache.hadoop.fs.s3a.audit.impl.LoggingAuditor",
        "fs.s3a.audit.referrer.enabled": "true",
    }
    if session.sse_kms_key:
        s3a.update({"fs.s3a.encryption.algorithm": "SSE-KMS", "fs.s3a.encryption.key": session.sse_kms_key})
    trust = f"-Djavax.net.ssl.trustStore={session.truststore} -Djavax.net.ssl.trustStoreType=PKCS12 -Djavax.net.ssl.trustStorePassword={TRUSTSTORE_PASSWORD}"
    conf = {f"spark.hadoop.{key}": value for key, value in s3a.items()}
    conf.update(
        {
            "spark.driver.extraClassPath": os.pathsep.join(str(jar) for jar in jars),
            "spark.driver.defaultJavaOptions": trust,
            "spark.executor.defaultJavaOptions": trust,
        }
    )
    return conf


def write_spark_conf_dir(conf_dir: Path, conf: Mapping[str, str]) -> Path:
    """$SPARK_CONF_DIR of a run: its spark-defaults.conf, readable by the run alone (it holds the session)."""
    conf_dir.mkdir(parents=True, exist_ok=True)
    target = conf_dir / "spark-defaults.conf"
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.writelines(f"{key} {value}\n" for key, value in sorted(conf.items()))
    return conf_dir
