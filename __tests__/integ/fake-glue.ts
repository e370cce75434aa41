/**
 * A scripted Glue account for the integration test's own tests. It is a real
 * GlueClient (the SDK paginators insist on one) whose middleware answers each
 * command itself instead of calling AWS, so it plays the runs that the
 * emulator cannot: FAILED, TIMEOUT, stuck, denied.
 */
import {
  AccessDeniedException,
  EntityNotFoundException,
  GlueClient,
  type JobRun,
  type ServiceOutputTypes,
} from "@aws-sdk/client-glue";
import { jobArn } from "../../integ/discover-jobs";
import { FakeWorkflows, type FakeWorkflow } from "./fake-workflow";
import { FINAL_STATES } from "../../integ/wait-for-run";

export const FAKE_ACCOUNT = "123456789012";
export const FAKE_REGION = "eu-west-1";

/** What one GetJobRun call returns; the state is a plain string so tests can write literals. */
export type FakeRunStep = Omit<Partial<JobRun>, "JobRunState"> & { readonly JobRunState?: string };

/** One job in the fake account. */
export interface FakeJob {
  readonly name: string;
  readonly tags?: Record<string, string>;
  /** GetTags on this job is denied, as for another stage's job under a scoped role. */
  readonly tagsDenied?: boolean;
  /** Listed by GetJobs, then gone: deleted before GetTags. */
  readonly deletedAfterListing?: boolean;
  /** GetTags on this job throws this. */
  readonly tagsError?: Error;
  /** What successive GetJobRun calls return; the last one repeats. @default one SUCCEEDED run of 100 s */
  readonly run?: readonly FakeRunStep[];
  /** StartJobRun throws this. */
  readonly startError?: Error;
  /** GetJobRun throws this. */
  readonly pollError?: Error;
}

const metadata = { $metadata: {} };

/** A fake account's jobs, the calls made to it, and the most runs it saw in flight at once. */
export class FakeGlueAccount {
  readonly client: GlueClient;
  readonly calls: { command: string; input: Record<string, unknown> }[] = [];
  readonly started: string[] = [];
  maxRunsInFlight = 0;
  /** The account's workflows (none unless given): GetWorkflow of any other name is EntityNotFound, as on AWS. */
  readonly workflows: FakeWorkflows;
  private runsInFlight = 0;
  private readonly polls = new Map<string, number>();
  private readonly finishedRuns = new Set<string>();

  constructor(
    private readonly jobs: readonly FakeJob[],
    private readonly target = { account: FAKE_ACCOUNT, region: FAKE_REGION },
    workflows: readonly FakeWorkflow[] = [],
  ) {
    this.workflows = new FakeWorkflows(workflows);
    this.client = new GlueClient({ region: target.region, credentials: { accessKeyId: "fake", secretAccessKey: "fake" } });
    this.client.middlewareStack.add(
      (_next, context) => async (args) => ({
        output: (await this.answer(context.commandName ?? "", args.input as Record<string, unknown>)) as ServiceOutputTypes,
        response: {},
      }),
      { step: "initialize", name: "fakeGlueAccount", priority: "high" },
    );
  }

  /** Names of the jobs called with `command`, in call order. */
  jobsCalledWith(command: string): string[] {
    return this.calls.filter((call) => call.command === command).map((call) => String(call.input.JobName));
  }

  private async answer(command: string, input: Record<string, unknown>): Promise<unknown> {
    this.calls.push({ command, input: { ...input } }); // a copy: the SDK paginator reuses its input object
    await Promise.resolve(); // answer asynchronously, as the network does
    switch (command) {
      case "GetJobsCommand":
        return this.getJobs(input);
      case "GetTagsCommand":
        return this.getTags(String(input.ResourceArn));
      case "StartJobRunCommand":
        return this.startJobRun(this.job(String(input.JobName)));
      case "GetJobRunCommand":
        return this.getJobRun(this.job(String(input.JobName)), String(input.RunId));
      case "GetWorkflowCommand":
        return this.workflows.getWorkflow(input);
      case "StartWorkflowRunCommand":
        return this.workflows.startWorkflowRun(input);
      case "GetWorkflowRunCommand":
        return this.workflows.getWorkflowRun(input);
      default:
        throw new Error(`the fake Glue account does not answer ${command}`);
    }
  }

  private job(name: string): FakeJob {
    const job = this.jobs.find((candidate) => candidate.name === name);
    if (!job) throw new EntityNotFoundException({ message: `Job ${name} not found`, ...metadata });
    return job;
  }

  private getJobs(input: Record<string, unknown>) {
    const start = Number(input.NextToken ?? 0);
    const end = start + Number(input.MaxResults ?? 100);
    const jobs = this.jobs.slice(start, end).map((job) => ({ Name: job.name }));
    return { Jobs: jobs, NextToken: end < this.jobs.length ? String(end) : undefined, ...metadata };
  }

  private getTags(arn: string) {
    const job = this.jobs.find((candidate) => jobArn(this.target, candidate.name) === arn);
    if (!job || job.deletedAfterListing) throw new EntityNotFoundException({ message: `no resource ${arn}`, ...metadata });
    if (job.tagsError) throw job.tagsError;
    if (job.tagsDenied) throw new AccessDeniedException({ message: `not authorized to perform glue:GetTags on ${arn}`, ...metadata });
    return { Tags: job.tags ?? {}, ...metadata };
  }

  private startJobRun(job: FakeJob) {
    if (job.startError) throw job.startError;
    this.started.push(job.name);
    this.runsInFlight++;
    this.maxRunsInFlight = Math.max(this.maxRunsInFlight, this.runsInFlight);
    return { JobRunId: `jr_${job.name}`, ...metadata };
  }

  private getJobRun(job: FakeJob, runId: string) {
    if (job.pollError) throw job.pollError;
    const script = job.run ?? [{ JobRunState: "SUCCEEDED", ExecutionTime: 100 }];
    const poll = this.polls.get(job.name) ?? 0;
    this.polls.set(job.name, poll + 1);
    const step = script[Math.min(poll, script.length - 1)];
    if (FINAL_STATES.has(step.JobRunState ?? "") && !this.finishedRuns.has(runId)) {
      this.finishedRuns.add(runId);
      this.runsInFlight--;
    }
    return { JobRun: { Id: runId, JobName: job.name, ...step }, ...metadata };
  }
}

/** A service error as the SDK raises it, e.g. throttling or a 500. */
export function serviceError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name, $metadata: {} });
}
