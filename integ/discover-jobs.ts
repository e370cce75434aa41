import { GetTagsCommand, GlueClient, paginateGetJobs } from "@aws-sdk/client-glue";
import { mapWithConcurrency } from "./bounded-pool";
import { partitionOf } from "../stacks/constants/aws-regions";
import { glueStackName } from "../stacks/names";
import type { Log } from "./types";

/** Where to look for a stage's jobs. */
export interface StageTarget {
  readonly account: string;
  readonly region: string;
  readonly stageName: string;
}

/** The tag that GlueAppStack puts on every job, naming the stack that owns it. */
export const STACK_NAME_TAG = "stack_name";

/** Tuning for discovery; the defaults suit real AWS. */
export interface DiscoverOptions {
  /** GetTags calls in flight at once. @default 10 */
  readonly concurrency?: number;
  /** GetJobs page size. @default 100 */
  readonly pageSize?: number;
}

/** The stack that owns a stage's jobs: `dev` -> `dev-glue`. */
export const stageStackName = glueStackName;

/**
 * A job belongs to the stage when its stack_name tag is exactly the stage's
 * stack. (A prefix test, as the seed had, would let stage `dev` claim `dev2-glue`.)
 */
export function belongsToStage(tags: Record<string, string> | undefined, stageName: string): boolean {
  return tags?.[STACK_NAME_TAG] === stageStackName(stageName);
}

export { partitionOf };

/** GetTags takes the job's ARN, which Glue builds from the region and account. */
export function jobArn(target: Pick<StageTarget, "account" | "region">, jobName: string): string {
  return `arn:${partitionOf(target.region)}:glue:${target.region}:${target.account}:job/${jobName}`;
}

/** Names of every Glue job in the account and region, across all GetJobs pages. */
export async function listAllJobNames(glue: GlueClient, pageSize = 100): Promise<string[]> {
  const names: string[] = [];
  // GetJobs, not ListJobs: it is the listing call the stage's glue-test role is granted.
  for await (const page of paginateGetJobs({ client: glue, pageSize }, {})) {
    for (const job of page.Jobs ?? []) if (job.Name) names.push(job.Name);
  }
  return names;
}

/**
 * Names of the stage's jobs, sorted. The test role may read tags only on its
 * own stage's jobs, so AccessDenied on another job's tags means "not ours";
 * EntityNotFound means the job was deleted after it was listed.
 */
export async function discoverStageJobs(
  glue: GlueClient,
  target: StageTarget,
  log: Log,
  options: DiscoverOptions = {},
): Promise<string[]> {
  const allNames = await listAllJobNames(glue, options.pageSize);
  let denied = 0;
  let gone = 0; // deleted between GetJobs and GetTags
  const matches = await mapWithConcurrency(allNames, options.concurrency ?? 10, async (name) => {
    try {
      const { Tags } = await glue.send(new GetTagsCommand({ ResourceArn: jobArn(target, name) }));
      return belongsToStage(Tags, target.stageName);
    } catch (error) {
      const name = (error as Error).name;
      if (name === "AccessDeniedException") denied++;
      else if (name === "EntityNotFoundException") gone++;
      else throw error;
      return false;
    }
  });
  const stageJobs = allNames.filter((_, index) => matches[index]).sort();
  log(
    `discover: ${allNames.length} job(s) in ${target.account}/${target.region}, ` +
      `${stageJobs.length} tagged ${STACK_NAME_TAG}=${stageStackName(target.stageName)}` +
      (denied ? ` (${denied} skipped: tags not readable by this role)` : "") +
      (gone ? ` (${gone} skipped: deleted while listing)` : "") +
      (stageJobs.length ? `: ${stageJobs.join(", ")}` : ""),
  );
  return stageJobs;
}
