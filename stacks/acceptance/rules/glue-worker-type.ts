/**
 * Which worker type each kind of Glue job may use (the commands and first Glue version of each worker
 * type, from GLUE_WORKER_TYPES, which cites Glue's Job.WorkerType reference).
 */
import { GLUE_WORKER_TYPES, glueWorkerType as workerTypeFacts } from "../../constants/glue-worker-types";
import { findingAt } from "../finding";
import { glueJobFields } from "../glue-jobs";
import type { AcceptanceRule, Finding } from "../types";

const ID = "glue-worker-type";

export const glueWorkerType: AcceptanceRule = {
  id: ID,
  description: "each job's worker type suits its command and Glue version (G.025X only for streaming, never glueetl)",
  check: (app) => {
    const findings: Finding[] = [];
    for (const resource of app.resources.filter((r) => r.type === "aws_glue_job")) {
      const job = glueJobFields(resource);
      if (!job.workerType) continue;
      const use = workerTypeFacts(job.workerType);
      if (!use) {
        findings.push(findingAt(ID, resource, `worker_type "${job.workerType}" is not a Glue worker type`, `use one of ${Object.keys(GLUE_WORKER_TYPES).join(", ")}`));
        continue;
      }
      if (!(use.commands as readonly string[]).includes(job.command!)) {
        findings.push(findingAt(ID, resource, `worker_type "${job.workerType}" is for ${use.commands.join(" or ")} jobs, not ${job.command}`, "use G.1X or G.2X for a glueetl job"));
      }
      if (use.minGlueVersion && !(job.version >= Number.parseFloat(use.minGlueVersion))) {
        findings.push(findingAt(ID, resource, `worker_type "${job.workerType}" needs Glue ${use.minGlueVersion} or later, not ${job.versionText ?? "the default version"}`, `set glue_version to ${use.minGlueVersion} or later`));
      }
    }
    return findings;
  },
};
