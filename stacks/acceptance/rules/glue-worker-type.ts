/**
 * Which worker type each kind of Glue job may use, from Glue's Job.WorkerType reference: G.025X only for
 * streaming jobs (Glue 3.0+); G.4X and G.8X from Glue 3.0; G.12X, G.16X and R.1X-R.8X from Glue 4.0, for
 * Spark ETL jobs; Z.2X for Ray jobs.
 */
import { findingAt } from "../finding";
import { glueJobFields } from "../glue-jobs";
import type { AcceptanceRule, Finding } from "../types";

const ID = "glue-worker-type";
const SPARK = ["glueetl", "gluestreaming"];

interface WorkerTypeUse {
  readonly commands: readonly string[];
  readonly minVersion: number;
}

export const WORKER_TYPE_USES: Readonly<Record<string, WorkerTypeUse>> = {
  Standard: { commands: SPARK, minVersion: 0 },
  "G.1X": { commands: SPARK, minVersion: 0 },
  "G.2X": { commands: SPARK, minVersion: 0 },
  "G.025X": { commands: ["gluestreaming"], minVersion: 3 },
  "G.4X": { commands: SPARK, minVersion: 3 },
  "G.8X": { commands: SPARK, minVersion: 3 },
  "G.12X": { commands: ["glueetl"], minVersion: 4 },
  "G.16X": { commands: ["glueetl"], minVersion: 4 },
  "R.1X": { commands: ["glueetl"], minVersion: 4 },
  "R.2X": { commands: ["glueetl"], minVersion: 4 },
  "R.4X": { commands: ["glueetl"], minVersion: 4 },
  "R.8X": { commands: ["glueetl"], minVersion: 4 },
  "Z.2X": { commands: ["glueray"], minVersion: 4 },
};

export const glueWorkerType: AcceptanceRule = {
  id: ID,
  description: "each job's worker type suits its command and Glue version (G.025X only for streaming, never glueetl)",
  check: (app) => {
    const findings: Finding[] = [];
    for (const resource of app.resources.filter((r) => r.type === "aws_glue_job")) {
      const job = glueJobFields(resource);
      if (!job.workerType) continue;
      const use = WORKER_TYPE_USES[job.workerType];
      if (!use) {
        findings.push(findingAt(ID, resource, `worker_type "${job.workerType}" is not a Glue worker type`, `use one of ${Object.keys(WORKER_TYPE_USES).join(", ")}`));
        continue;
      }
      if (!use.commands.includes(job.command!)) {
        findings.push(findingAt(ID, resource, `worker_type "${job.workerType}" is for ${use.commands.join(" or ")} jobs, not ${job.command}`, "use G.1X or G.2X for a glueetl job"));
      }
      if (use.minVersion > 0 && !(job.version >= use.minVersion)) {
        findings.push(findingAt(ID, resource, `worker_type "${job.workerType}" needs Glue ${use.minVersion.toFixed(1)} or later, not ${job.versionText ?? "the default version"}`, `set glue_version to ${use.minVersion.toFixed(1)} or later`));
      }
    }
    return findings;
  },
};
