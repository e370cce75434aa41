/** A config with N jobs (copies of the shipped jobs that run after no other), for measuring how synth scales with job count. */
import * as fs from "fs";
import * as path from "path";
import { parse, stringify } from "yaml";
import { PROJECT_DIR } from "./measure";

export function configWithJobs(count: number, dir: string): string {
  const base = parse(fs.readFileSync(path.join(PROJECT_DIR, "default-config.yaml"), "utf8"));
  // The shipped jobs that stand alone (a copy of one that runs after another would wait for a job of the
  // original); each copy writes its outputs and tables under names of its own, as the config requires.
  const templates = (Object.values(base.jobs) as Record<string, unknown>[]).filter((job) => !job.after);
  const copy = (job: Record<string, unknown>, name: string) => ({
    ...job,
    outputs: Object.fromEntries(
      Object.entries((job.outputs ?? {}) as Record<string, string | { table: string }>).map(([output, out]) => {
        const location = `s3://{stageBucket}/output/${name}/${output}/`;
        return [output, typeof out === "string" ? location : { path: location, table: `${out.table}_${name.toLowerCase()}` }];
      }),
    ),
  });
  base.jobs = Object.fromEntries(
    Array.from({ length: count }, (_, i) => `Job${String(i).padStart(3, "0")}`).map((name, i) => [name, copy(templates[i % templates.length], name)]),
  );
  base.stages = { dev: {}, prod: {} };
  base.jobScriptsDir = path.join(PROJECT_DIR, "job_scripts");
  const file = path.join(dir, `config-${count}-jobs.yaml`);
  fs.writeFileSync(file, stringify(base));
  return file;
}
