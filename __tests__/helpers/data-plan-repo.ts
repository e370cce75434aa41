/**
 * A throwaway git repository holding the example's job scripts, sample data and a config of the
 * three legislators jobs (JoinLegislators writes legislators_history; SummarizeLegislators reads it,
 * after it), committed once; tests change its work tree and make the data plan against HEAD.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { chainConfig } from "./chain-config";

const PROJECT_SCRIPTS = join(__dirname, "..", "..", "job_scripts");
const COPIED = ["glue_runtime", "legislators", "sample_data", "process_legislators.py", "join_legislators.py", "summarize_legislators.py"];

type Json = Record<string, any>;

export interface DataPlanRepo {
  readonly dir: string;
  readonly configFile: string;
  /** Rewrites the config (uncommitted). */
  readonly config: (change: (config: Json) => void) => void;
  /** Replaces `from` with `to` in a job script or library file (uncommitted); throws if `from` is not there. */
  readonly edit: (file: string, from: string, to: string) => void;
}

export function exampleConfig(): Json {
  return chainConfig((c) => {
    c.pythonLibraries = ["glue_runtime", "legislators"];
    c.jobs.JoinLegislators.inputs = {
      input_path_orgs: "s3://awsglue-datasets/examples/us-legislators/all/organizations.json",
      input_path_persons: "s3://awsglue-datasets/examples/us-legislators/all/persons.json",
      input_path_memberships: "s3://awsglue-datasets/examples/us-legislators/all/memberships.json",
    };
    c.jobs.SummarizeLegislators.outputs.output_path.schema = {
      keys: ["org_name", "role"],
      columns: { org_name: "string", role: "string", memberships: { type: "bigint", nullable: false }, persons: { type: "bigint", nullable: false } },
    };
  });
}

export function dataPlanRepo(config: Json = exampleConfig()): DataPlanRepo {
  const dir = mkdtempSync(join(tmpdir(), "data-plan-repo-"));
  for (const item of COPIED) cpSync(join(PROJECT_SCRIPTS, item), join(dir, "job_scripts", item), { recursive: true, filter: (src) => !src.includes("__pycache__") });
  const configFile = join(dir, "config.yaml");
  writeFileSync(configFile, stringify(config));
  const git = (...args: string[]) => execFileSync("git", ["-C", dir, ...args], { stdio: "pipe" });
  git("init", "-q", "-b", "main");
  git("add", ".");
  git("-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-qm", "base");
  return {
    dir,
    configFile,
    config: (change) => {
      const next = structuredClone(config);
      change(next);
      writeFileSync(configFile, stringify(next));
    },
    edit: (file, from, to) => {
      const path = join(dir, "job_scripts", file);
      const text = readFileSync(path, "utf8");
      if (!text.includes(from)) throw new Error(`${file} does not hold ${JSON.stringify(from)}`);
      writeFileSync(path, text.replace(from, to));
    },
  };
}
