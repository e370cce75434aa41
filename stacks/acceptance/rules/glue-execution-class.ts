/** FLEX runs only glueetl jobs of Glue 3.0 or later, on G.1X or G.2X workers (Glue's Job.ExecutionClass reference). */
import { findingAt } from "../finding";
import { glueJobFields } from "../glue-jobs";
import type { AcceptanceRule, Finding } from "../types";

const ID = "glue-execution-class";
export const FLEX_WORKER_TYPES = ["G.1X", "G.2X"];

export const glueExecutionClass: AcceptanceRule = {
  id: ID,
  description: "FLEX only for glueetl jobs of Glue 3.0+ on G.1X or G.2X workers",
  check: (app) => {
    const findings: Finding[] = [];
    for (const resource of app.resources.filter((r) => r.type === "aws_glue_job")) {
      const job = glueJobFields(resource);
      if (job.executionClass === undefined || job.executionClass === "STANDARD") continue;
      if (job.executionClass !== "FLEX") {
        findings.push(findingAt(ID, resource, `execution_class "${job.executionClass}" is neither FLEX nor STANDARD`, "use FLEX or STANDARD"));
        continue;
      }
      const problems = [
        ...(job.command === "glueetl" ? [] : [`a ${job.command} job`]),
        ...(job.version >= 3 ? [] : [`Glue ${job.versionText ?? "default version"}`]),
        ...(job.workerType === undefined || FLEX_WORKER_TYPES.includes(job.workerType) ? [] : [`worker type ${job.workerType}`]),
      ];
      if (problems.length > 0) {
        findings.push(findingAt(ID, resource, `FLEX does not run ${problems.join(", ")}`, `use STANDARD, or a glueetl job of Glue 3.0+ on ${FLEX_WORKER_TYPES.join(" or ")}`));
      }
    }
    return findings;
  },
};
