/**
 * .ci/fetch-jars against a repository on disk (MAVEN_REPOSITORY=file://...), into a folder of the test's
 * (JARS_DIR): a jar the repository lacks or serves corrupt is a clear error naming the jar and the fix,
 * and nothing half-written stays behind; a jar that is there is fetched, a corrupt local copy replaced.
 * And the emulator's job runs refuse to start Spark with a missing or corrupt S3A jar.
 */
import { execFile, execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_DIR } from "../stacks/config";
import { EMULATOR_DIR } from "../rehearsal/emulator/emulator";
import { VENV_PYTHON } from "../rehearsal/emulator/moto-server";

const FETCH = join(PROJECT_DIR, ".ci", "fetch-jars");
const JARS = join(PROJECT_DIR, ".jars");
/** group:artifact:version and sha256 of each line of requirements-jars.txt. */
const PINNED = readFileSync(join(PROJECT_DIR, "requirements-jars.txt"), "utf8")
  .split("\n")
  .filter((line) => line.trim() && !line.startsWith("#"))
  .map((line) => {
    const [coordinate, sha256] = line.split(/\s+/);
    const [group, artifact, version] = coordinate.split(":");
    return { coordinate, sha256, group, artifact, version, file: `${artifact}-${version}.jar` };
  });
const HADOOP_AWS = PINNED.find((p) => p.artifact === "hadoop-aws")!;

interface Fetched {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

const fetchJars = (repository: string, jarsDir: string): Promise<Fetched> =>
  new Promise((resolve) =>
    execFile("bash", [FETCH], { env: { PATH: process.env.PATH ?? "", MAVEN_REPOSITORY: `file://${repository}`, JARS_DIR: jarsDir }, encoding: "utf8" }, (error, stdout, stderr) =>
      resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    ),
  );
/** Where a Maven repository keeps the jar of `pin`. */
const inRepository = (repository: string, pin: (typeof PINNED)[number]) => join(repository, ...pin.group.split("."), pin.artifact, pin.version, pin.file);

describe(".ci/fetch-jars", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "fetch-jars-test-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("a jar the repository does not have is an error naming it and the fix, and nothing is left in the jars folder", async () => {
    const [repository, jarsDir] = [join(dir, "empty-repo"), join(dir, "jars-missing")];
    mkdirSync(repository);
    const result = await fetchJars(repository, jarsDir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`fetch-jars: cannot fetch ${PINNED[0].coordinate} from file://${inRepository(repository, PINNED[0])}; check the network or set MAVEN_REPOSITORY to a mirror`);
    expect(readdirSync(jarsDir)).toEqual([]);
  });

  test("a jar whose checksum is not the pinned one is refused, naming the jar and both checksums, and not kept", async () => {
    const [repository, jarsDir] = [join(dir, "corrupt-repo"), join(dir, "jars-corrupt")];
    const served = inRepository(repository, PINNED[0]);
    mkdirSync(join(served, ".."), { recursive: true });
    writeFileSync(served, "not a jar");
    const result = await fetchJars(repository, jarsDir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`fetch-jars: ${PINNED[0].coordinate} from file://\\S+ has sha256 [0-9a-f]{64}, requirements-jars.txt wants ${PINNED[0].sha256}; refusing it`));
    expect(readdirSync(jarsDir)).toEqual([]);
  });

  test("a missing jar is fetched and a corrupt local copy replaced; the others, already right, are kept", async () => {
    const [repository, jarsDir] = [join(dir, "good-repo"), join(dir, "jars-good")];
    mkdirSync(jarsDir);
    for (const pin of PINNED) {
      if (pin === HADOOP_AWS) continue;
      symlinkSync(join(JARS, pin.file), join(jarsDir, pin.file));
    }
    writeFileSync(join(jarsDir, HADOOP_AWS.file), "corrupt");
    mkdirSync(join(inRepository(repository, HADOOP_AWS), ".."), { recursive: true });
    copyFileSync(join(JARS, HADOOP_AWS.file), inRepository(repository, HADOOP_AWS));
    const result = await fetchJars(repository, jarsDir);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(`fetch-jars: fetching ${HADOOP_AWS.coordinate}\n`);
    expect(result.status).toBe(0);
    expect(execFileSync("sha256sum", [join(jarsDir, HADOOP_AWS.file)], { encoding: "utf8" }).split(" ")[0]).toBe(HADOOP_AWS.sha256);
    expect(readdirSync(jarsDir).sort()).toEqual(PINNED.map((p) => p.file).sort());
  });
});

describe("a job run's S3A jars (moto_support/glue_run_s3a.pinned_jars)", () => {
  const check = (jarsDir: string) =>
    execFileSync(VENV_PYTHON, ["-c", "import sys\nsys.path.insert(0, sys.argv[1])\nfrom moto_support.glue_run_s3a import JarError, pinned_jars\ntry:\n    print([p.name for p in pinned_jars()])\nexcept JarError as e:\n    print('JarError:', e)", EMULATOR_DIR], {
      env: { PATH: process.env.PATH ?? "", JARS_DIR: jarsDir },
      encoding: "utf8",
    }).trim();
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "s3a-jars-test-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("are the pinned hadoop-aws and AWS SDK bundle of .jars/", () => {
    expect(existsSync(join(JARS, HADOOP_AWS.file))).toBe(true);
    expect(check(JARS)).toBe("['hadoop-aws-3.3.4.jar', 'aws-java-sdk-bundle-1.12.262.jar']");
  });

  test("a missing or corrupt jar is an error naming the file and the fix", () => {
    expect(check(dir)).toBe(`JarError: ${join(dir, HADOOP_AWS.file)} is missing; run .ci/fetch-jars (npm run setup does) to fetch the jars of requirements-jars.txt`);
    writeFileSync(join(dir, HADOOP_AWS.file), "corrupt");
    expect(check(dir)).toMatch(new RegExp(`^JarError: ${join(dir, HADOOP_AWS.file)} has sha256 [0-9a-f]{64}, requirements-jars.txt pins ${HADOOP_AWS.sha256}; delete it and run .ci/fetch-jars$`));
  });
});
