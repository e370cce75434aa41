import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  CONFIG_REFERENCE_COMMAND,
  CONFIG_REFERENCE_PATH,
  configJsonSchema,
  referenceRows,
  renderConfigReference,
  undescribedKeys,
} from "../../docs-tools/config-reference";
import { writeConfigReference } from "../../docs-tools/write-config-reference";
import { loadConfig } from "../../stacks/config";
import { baseConfig, writeTempProject } from "../../testkit/temp-project";

const PROJECT_DIR = path.resolve(__dirname, "../..");
const rows = referenceRows(configJsonSchema());
const row = (key: string, when?: string) => {
  const found = rows.find((r) => r.key === key && r.when === when);
  if (!found) throw new Error(`the reference has no row ${key}${when ? ` (${when})` : ""}`);
  return found;
};

describe("config reference (docs/config-reference.md)", () => {
  test("the committed page is what the schema gives", () => {
    const committed = fs.readFileSync(path.join(PROJECT_DIR, CONFIG_REFERENCE_PATH), "utf8");
    const expected = renderConfigReference();
    if (committed !== expected) {
      throw new Error(`${CONFIG_REFERENCE_PATH} is stale: the config schema changed. Run ${CONFIG_REFERENCE_COMMAND} and commit the page.`);
    }
  });

  test("docs-tools/write-config-reference.ts (npm run docs:config) writes the page, and --check finds it current", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "config-reference-"));
    const quiet = jest.spyOn(console, "log").mockImplementation(() => undefined);
    const errors = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      expect(writeConfigReference(["--check"], dir)).toBe(1);
      expect(errors.mock.calls.join("\n")).toContain(`run ${CONFIG_REFERENCE_COMMAND}`);
      expect(writeConfigReference([], dir)).toBe(0);
      expect(fs.readFileSync(path.join(dir, CONFIG_REFERENCE_PATH), "utf8")).toBe(renderConfigReference());
      expect(writeConfigReference(["--check"], dir)).toBe(0);
      expect(writeConfigReference(["--bogus"], dir)).toBe(2);
    } finally {
      quiet.mockRestore();
      errors.mockRestore();
    }
  });

  test("every key has a meaning", () => {
    expect(undescribedKeys()).toEqual([]);
  });

  test("lists every key of the schema, nested ones and each backend's own", () => {
    const keys = rows.map((r) => r.key);
    expect(keys).toEqual(expect.arrayContaining(["pipelineAccount.awsAccountId", "backend.organization", "backend.keyPrefix", "source.connectionArn", "jobs.<job>.workerType"]));
    expect(keys).toEqual(expect.arrayContaining(["jobs.<job>.outputs.<output>.table", "stages.dev.athena.bytesScannedCutoffPerQuery", "pipeline.driftCheck.schedule"]));
    expect(row("backend.keyPrefix", "type: s3").required).toBe(false);
    expect(row("backend.bucket", "type: s3").required).toBe(true);
    // Keys of one shape are written once and pointed at.
    expect(row("stages.prod").type).toBe("the same keys as `stages.dev`");
    expect(row("stages.dev.jobs").type).toBe("the same keys as `jobs`");
  });

  test("types carry the schema's limits", () => {
    expect(row("jobs.<job>.numberOfWorkers").type).toBe("a whole number from 2 to 299");
    expect(row("jobs.<job>.glueVersion").type).toBe("`5.1`, `5.0`, `4.0`");
    expect(row("pipelineAccount.awsAccountId").type).toBe("text matching `^\\d{12}$`");
  });

  test("a documented default is the default the config loader applies", () => {
    const cloud = loadConfig(writeTempProject({ ...baseConfig(), backend: { organization: "acme" } }));
    const s3 = loadConfig(writeTempProject({ ...baseConfig(), backend: { type: "s3", bucket: "state-bucket", region: "eu-west-1" } }));
    const local = loadConfig(writeTempProject({ ...baseConfig(), backend: { type: "local" } }));
    const codestar = loadConfig(
      writeTempProject({
        ...baseConfig(),
        source: { type: "codestar", connectionArn: "arn:aws:codeconnections:eu-west-1:111111111111:connection/abc", repository: "acme/repo" },
      }),
    );
    const job = cloud.stages.prod.jobs.ProcessLegislators;
    const documented = (key: string, when?: string) => JSON.parse(String(row(key, when).default).replace(/^`|`$/g, ""));
    const cases: [string, string | undefined, unknown][] = [
      ["backend.hostname", "type: cloud", cloud.backend.type === "cloud" && cloud.backend.hostname],
      ["backend.workspaces.pipeline", "type: cloud", cloud.backend.type === "cloud" && cloud.backend.workspaces.pipeline],
      ["backend.workspaces.dev-glue", "type: cloud", cloud.backend.type === "cloud" && cloud.backend.workspaces["dev-glue"]],
      ["backend.workspaces.prod-glue", "type: cloud", cloud.backend.type === "cloud" && cloud.backend.workspaces["prod-glue"]],
      ["backend.keyPrefix", "type: s3", s3.backend.type === "s3" && s3.backend.keyPrefix],
      ["backend.directory", "type: local", local.backend.type === "local" && local.backend.directory],
      ["source.branch", "type: codestar", codestar.source.branch],
      ["source.provider", "type: codestar", codestar.source.type === "codestar" && codestar.source.provider],
      ["pipeline.terraformTokenSecret", undefined, cloud.pipeline.terraformTokenSecret],
      ["pipeline.driftCheck.enabled", undefined, cloud.pipeline.driftCheck.enabled],
      ["pipeline.driftCheck.schedule", undefined, cloud.pipeline.driftCheck.schedule],
      ["pullRequests.enabled", undefined, cloud.pullRequests.enabled],
      ["jobs.<job>.glueVersion", undefined, job.glueVersion],
      ["jobs.<job>.workerType", undefined, job.workerType],
      ["jobs.<job>.numberOfWorkers", undefined, job.numberOfWorkers],
      ["jobs.<job>.timeoutMinutes", undefined, job.timeoutMinutes],
      ["jobs.<job>.maxRetries", undefined, job.maxRetries],
      ["jobs.<job>.maxConcurrentRuns", undefined, job.maxConcurrentRuns],
      ["jobs.<job>.after", undefined, job.after],
      ["stages.dev.athena.bytesScannedCutoffPerQuery", undefined, cloud.stages.dev.athena.bytesScannedCutoffPerQuery],
    ];
    for (const [key, when, applied] of cases) expect({ key, default: documented(key, when) }).toEqual({ key, default: applied });
  });
});
