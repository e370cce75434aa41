/** A config with N jobs (copies of the shipped two), for measuring how synth scales with job count. */
import * as fs from "fs";
import * as path from "path";
import { parse, stringify } from "yaml";
import { PROJECT_DIR } from "./measure";

export function configWithJobs(count: number, dir: string): string {
  const base = parse(fs.readFileSync(path.join(PROJECT_DIR, "default-config.yaml"), "utf8"));
  const templates = Object.values(base.jobs) as Record<string, unknown>[];
  base.jobs = Object.fromEntries(
    Array.from({ length: count }, (_, i) => [`Job${String(i).padStart(3, "0")}`, { ...templates[i % templates.length] }]),
  );
  base.stages = { dev: {}, prod: {} };
  base.jobScriptsDir = path.join(PROJECT_DIR, "job_scripts");
  const file = path.join(dir, `config-${count}-jobs.yaml`);
  fs.writeFileSync(file, stringify(base));
  return file;
}
