/** FLEX runs only the commands, Glue versions and worker types of FLEX_RULES (Glue's Job.ExecutionClass reference). */
import { FLEX_RULES } from "../../constants/glue-worker-types";
import { EXECUTION_CLASSES } from "../../constants/glue";
import { findingAt } from "../finding";
import { glueJobFields } from "../glue-jobs";
import type { AcceptanceRule, Finding } from "../types";

const ID = "glue-execution-class";
const FLEX_MIN_VERSION = Number.parseFloat(FLEX_RULES.minGlueVersion);
const FLEX_WORKERS = FLEX_RULES.workerTypes.join(" or ");

export const glueExecutionClass: AcceptanceRule = {
  id: ID,
  description: `FLEX only for ${FLEX_RULES.commands.join(" or ")} jobs of Glue ${FLEX_RULES.minGlueVersion}+ on ${FLEX_WORKERS} workers`,
  check: (app) => {
    const findings: Finding[] = [];
    for (const resource of app.resources.filter((r) => r.type === "aws_glue_job")) {
      const job = glueJobFields(resource);
      if (job.executionClass === undefined || job.executionClass === "STANDARD") continue;
      if (job.executionClass !== "FLEX") {
        findings.push(findingAt(ID, resource, `execution_class "${job.executionClass}" is neither ${EXECUTION_CLASSES.join(" nor ")}`, `use ${EXECUTION_CLASSES.join(" or ")}`));
        continue;
      }
      const problems = [
        ...((FLEX_RULES.commands as readonly string[]).includes(job.command!) ? [] : [`a ${job.command} job`]),
        ...(job.version >= FLEX_MIN_VERSION ? [] : [`Glue ${job.versionText ?? "default version"}`]),
        ...(job.workerType === undefined || (FLEX_RULES.workerTypes as readonly string[]).includes(job.workerType) ? [] : [`worker type ${job.workerType}`]),
      ];
      if (problems.length > 0) {
        findings.push(findingAt(ID, resource, `FLEX does not run ${problems.join(", ")}`, `use STANDARD, or a ${FLEX_RULES.commands.join(" or ")} job of Glue ${FLEX_RULES.minGlueVersion}+ on ${FLEX_WORKERS}`));
      }
    }
    return findings;
  },
};
