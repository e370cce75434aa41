/** Synthesizes a project's app the way `cdktf synth` does (its app command), and reads what it wrote. */
import { createHash } from "crypto";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export interface SynthesizedStack {
  /** the stack's manifest entry */
  readonly manifest: Record<string, any>;
  /** cdk.tf.json, parsed */
  readonly json: Record<string, any>;
  /** each asset file below the stack's assets/, by its path there, as a sha256 of its content */
  readonly assets: Record<string, string>;
}

export interface SynthesizedApp {
  /** manifest.json's `version`: the framework's version */
  readonly frameworkVersion: string;
  readonly stacks: Record<string, SynthesizedStack>;
}

function filesBelow(dir: string, prefix = ""): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? filesBelow(path.join(dir, entry.name), rel) : [rel];
  });
}

/** Runs `node --require tsx/cjs main.ts` in `projectDir` with `configFile`, into a fresh output directory. */
export function synthApp(projectDir: string, configFile: string): SynthesizedApp {
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "check-cdktn-out-")), "cdktf.out");
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1", GLUE_CONFIG: configFile, CDKTF_OUTDIR: outdir };
  delete env.CDKTF_CONTEXT_JSON; // GLUE_CONFIG names the config; a context from the caller's shell must not
  // tsx from this project: the fork's copy installs only what synth loads.
  const run = spawnSync(process.execPath, ["--require", require.resolve("tsx/cjs"), "main.ts"], { cwd: projectDir, env, encoding: "utf8" });
  if (run.status !== 0) {
    throw new Error(`synth in ${projectDir} with ${configFile} failed (exit ${run.status}):\n${run.stdout}${run.stderr}`);
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
  const stacks = Object.fromEntries(
    Object.entries(manifest.stacks as Record<string, any>).map(([name, entry]) => {
      const assetsDir = path.join(outdir, entry.workingDirectory, "assets");
      const assets = Object.fromEntries(
        filesBelow(assetsDir).map((file) => [file, createHash("sha256").update(fs.readFileSync(path.join(assetsDir, file))).digest("hex")]),
      );
      const json = JSON.parse(fs.readFileSync(path.join(outdir, entry.synthesizedStackPath), "utf8"));
      return [name, { manifest: entry, json, assets }];
    }),
  );
  fs.rmSync(path.dirname(outdir), { recursive: true, force: true });
  return { frameworkVersion: String(manifest.version), stacks };
}
