/**
 * The rehearsal's judgement of `npm run diff` after its config change, and the terraform wrapper that
 * points a stack a step synthesized itself at the emulator before `init`.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { judge } from "../../rehearsal/laptop-diff";
import { writeOfflineTerraform } from "../../rehearsal/offline-terraform";
import type { TerraformTools } from "../../rehearsal/terraform-tools";

const update = { address: "aws_glue_job.job", type: "aws_glue_job", action: "update", name: "prod-JoinLegislators", forcedBy: [] };
const stack = (changes: unknown[], counts = { add: 0, change: changes.length, replace: 0, destroy: 0 }) => ({ stack: "prod-glue", changed: changes.length > 0, counts, risky: [], changes });

describe("judge", () => {
  test("passes exactly the change made: exit 2, prod-glue's job updated in place", () => {
    expect(judge(2, JSON.stringify({ stacks: [stack([update])] }))).toBeUndefined();
  });

  test("names what differs", () => {
    expect(judge(0, "{}")).toBe("npm run diff exited 0; expected 2 (changes)");
    expect(judge(2, "not json")).toBe("npm run diff --json printed no JSON");
    expect(judge(2, JSON.stringify({ stacks: [stack([])] }))).toBe("changed stacks: none; expected prod-glue alone");
    expect(judge(2, JSON.stringify({ stacks: [stack([update, update])] }))).toBe('prod-glue counts {"add":0,"change":2,"replace":0,"destroy":0}; expected {"add":0,"change":1,"replace":0,"destroy":0}');
    expect(judge(2, JSON.stringify({ stacks: [stack([{ ...update, name: "prod-Other" }])] }))).toMatch(/^prod-glue's change: .*prod-Other.*; expected an update of the Glue job prod-JoinLegislators$/);
  });
});

test("the terraform wrapper points a synthesized stack at the emulator before init, whether named by -chdir or the working directory", () => {
  const dir = mkdtempSync(join(tmpdir(), "offline-terraform-"));
  const real = join(dir, "real-terraform");
  writeFileSync(real, `#!/usr/bin/env bash\necho "real $*"\n`, { mode: 0o755 });
  const tools: TerraformTools = { terraform: real, terraformVersion: "1.11.4", provider: { dir: join(dir, "mirror"), version: "5.100.0", foundBy: "test" } };
  const bin = writeOfflineTerraform(tools, join(dir, "bin"), { endpoint: "https://127.0.0.1:1", caBundle: "/ca.pem" });
  const stackDir = (name: string) => {
    const path = join(dir, name);
    mkdirSync(path);
    writeFileSync(join(path, "cdk.tf.json"), JSON.stringify({ terraform: { required_providers: { aws: { version: "6.25.0" } } }, provider: { aws: [{}] }, resource: { aws_s3_bucket: { b: {} } } }));
    return path;
  };
  const byChdir = stackDir("by-chdir");
  const byCwd = stackDir("by-cwd");
  expect(execFileSync(join(bin, "terraform"), [`-chdir=${byChdir}`, "init", "-input=false"], { encoding: "utf8" })).toBe(`real -chdir=${byChdir} init -input=false\n`);
  execFileSync(join(bin, "terraform"), ["init"], { cwd: byCwd, encoding: "utf8" });
  for (const path of [byChdir, byCwd]) {
    expect(JSON.parse(readFileSync(join(path, "cdk.tf.json"), "utf8")).terraform.required_providers.aws.version).toBe("5.100.0");
    expect(JSON.parse(readFileSync(join(path, "emulator_override.tf.json"), "utf8")).provider.aws[0]).toMatchObject({ endpoints: [{ s3: "https://127.0.0.1:1" }], custom_ca_bundle: "/ca.pem" });
  }
  // Any other command passes straight through, touching nothing.
  const plain = stackDir("plain");
  execFileSync(join(bin, "terraform"), ["plan"], { cwd: plain });
  expect(JSON.parse(readFileSync(join(plain, "cdk.tf.json"), "utf8")).terraform.required_providers.aws.version).toBe("6.25.0");
});
