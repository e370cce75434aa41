/**
 * The pipeline as the synthesized `pipeline` stack defines it: its stages in order, and for each
 * CodeBuild action the project, its buildspec, its role and the variables the action passes. The
 * rehearsal runs what this finds, so what it runs is what was synthesized.
 */
import { parse } from "yaml";

type Json = Record<string, any>;

export interface BuildSpec {
  readonly variables: Readonly<Record<string, string>>;
  /** Variable name to Secrets Manager secret name (optionally `name:json-key`). */
  readonly secrets: Readonly<Record<string, string>>;
  readonly install: readonly string[];
  readonly build: readonly string[];
  /** Run after build, passed or failed. */
  readonly postBuild: readonly string[];
  /** Variables whose final values the action's namespace exports. */
  readonly exportedVariables: readonly string[];
  readonly artifactFiles: readonly string[];
}

export type PipelineAction =
  | { readonly kind: "source"; readonly stage: string; readonly provider: string; readonly configuration: Readonly<Record<string, string>> }
  | {
      readonly kind: "codebuild";
      readonly stage: string;
      readonly projectName: string;
      /** The project's service role, by name. */
      readonly roleName: string;
      readonly timeoutMinutes: number;
      readonly inputs: readonly string[];
      readonly outputs: readonly string[];
      /** The action's EnvironmentVariables, values as written (with `#{...}` pipeline variables). */
      readonly actionVariables: Readonly<Record<string, string>>;
      /** Where later actions read its exported variables, e.g. `#{PlanProdVariables.PLAN_HEADLINE}`. */
      readonly namespace?: string;
      readonly buildSpec: BuildSpec;
    }
  | { readonly kind: "approval"; readonly stage: string; readonly customData: string; readonly externalEntityLink?: string };

/** The stages of the stack's only CodePipeline, one action each, in order. */
export function pipelineActions(stack: Json): PipelineAction[] {
  const pipelines = Object.values<Json>(stack.resource?.aws_codepipeline ?? {});
  if (pipelines.length !== 1) throw new Error(`the pipeline stack defines ${pipelines.length} CodePipelines; expected one`);
  return (pipelines[0].stage as Json[]).flatMap((stage) => (stage.action as Json[]).map((action) => actionOf(stack, stage.name, action)));
}

function actionOf(stack: Json, stageName: string, action: Json): PipelineAction {
  const configuration: Record<string, string> = action.configuration ?? {};
  if (action.category === "Source") return { kind: "source", stage: stageName, provider: action.provider, configuration };
  if (action.category === "Approval") {
    return { kind: "approval", stage: stageName, customData: configuration.CustomData ?? "", externalEntityLink: configuration.ExternalEntityLink };
  }
  if (action.provider !== "CodeBuild") throw new Error(`stage ${stageName}: action provider ${action.provider} is not one the rehearsal runs`);
  const project = referenced(stack, configuration.ProjectName, "aws_codebuild_project");
  const role = referenced(stack, project.service_role, "aws_iam_role");
  const variables = configuration.EnvironmentVariables ? (JSON.parse(configuration.EnvironmentVariables) as { name: string; value: string }[]) : [];
  return {
    kind: "codebuild",
    stage: stageName,
    projectName: project.name,
    roleName: role.name,
    timeoutMinutes: project.build_timeout ?? 60,
    inputs: action.input_artifacts ?? [],
    outputs: action.output_artifacts ?? [],
    actionVariables: Object.fromEntries(variables.map((v) => [v.name, v.value])),
    namespace: action.namespace,
    buildSpec: parseBuildSpec(project.source.buildspec),
  };
}

/** The namespace of the variables a pull request's event gives the check: `#{PullRequest.<input path name>}`. */
export const PULL_REQUEST_NAMESPACE = "PullRequest";

/**
 * The pull-request check as a pull request starts it: its project, run on the source, with the variables
 * its EventBridge target's input transformer passes (as `#{PullRequest.<name>}` references to fill in).
 * Undefined when the stack has no such project or no EventBridge trigger for it (a webhook starts it).
 */
export function pullRequestCheck(stack: Json, projectName: string): CodeBuildAction | undefined {
  const started = startedBy(stack, projectName);
  if (!started?.target.input_transformer) return undefined;
  // EventBridge puts each input path's JSON value where its <name> stands: the result is StartBuild's request.
  const template: string = started.target.input_transformer.input_template;
  const request = JSON.parse(template.replace(/<(\w+)>/g, (_whole, name: string) => JSON.stringify(`#{${PULL_REQUEST_NAMESPACE}.${name}}`))) as {
    environmentVariablesOverride?: { name: string; value: string }[];
  };
  const variables = Object.fromEntries((request.environmentVariablesOverride ?? []).map((v) => [v.name, v.value]));
  return standaloneAction(stack, started.project, "PullRequestCheck", variables);
}

/** A pull request's event as the repository host sends it to a CodeBuild webhook. */
export interface PullRequestEvent {
  readonly event: "PULL_REQUEST_CREATED" | "PULL_REQUEST_UPDATED" | "PULL_REQUEST_REOPENED";
  /** The pull request's number */
  readonly id: string;
  /** refs/heads/<branch> it merges into */
  readonly baseRef: string;
  /** refs/heads/<branch> it merges */
  readonly headRef: string;
  readonly headCommit: string;
  readonly actorAccountId: string;
}

/**
 * Whether a webhook's filter groups start a build for `event`: one group whose every filter passes. EVENT
 * lists event names; BASE_REF, HEAD_REF and ACTOR_ACCOUNT_ID are regular expressions; excludeMatchedPattern
 * inverts a filter (CodeBuild User Guide, "Filter GitHub webhook events",
 * https://docs.aws.amazon.com/codebuild/latest/userguide/github-webhook-events.html). No filter group: every event.
 */
export function webhookStarts(filterGroups: readonly Json[] | undefined, event: PullRequestEvent): boolean {
  const groups = filterGroups ?? [];
  if (groups.length === 0) return true;
  const passes = (filter: Json): boolean => {
    const pattern = String(filter.pattern);
    const value = { BASE_REF: event.baseRef, HEAD_REF: event.headRef, ACTOR_ACCOUNT_ID: event.actorAccountId }[filter.type as string];
    let matched: boolean;
    if (filter.type === "EVENT") matched = pattern.split(",").map((e) => e.trim()).includes(event.event);
    else if (value !== undefined) matched = new RegExp(pattern).test(value);
    else throw new Error(`the webhook filters on ${filter.type}, which the rehearsal's pull request does not give; add it to webhookStarts`);
    return filter.exclude_matched_pattern === true ? !matched : matched;
  };
  return groups.some((group) => ((group.filter as Json[] | undefined) ?? []).every(passes));
}

/**
 * The pull-request check as its CodeBuild webhook starts it for `event` (a codestar source): the project
 * run on the pull request's head with the variables CodeBuild sets for a webhook's build (CodeBuild User
 * Guide, "Environment variables in build environments"). Undefined when no webhook of the stack is on
 * the project; an Error when the webhook's filters would not start it for this pull request.
 */
export function webhookCheck(stack: Json, projectName: string, event: PullRequestEvent): CodeBuildAction | undefined {
  const [id, project] = Object.entries<Json>(stack.resource?.aws_codebuild_project ?? {}).find(([, p]) => p.name === projectName) ?? [];
  if (!id || !project) return undefined;
  const webhook = Object.values<Json>(stack.resource?.aws_codebuild_webhook ?? {}).find((w) => w.project_name === `\${aws_codebuild_project.${id}.name}`);
  if (!webhook) return undefined;
  if (!webhookStarts(webhook.filter_group, event)) {
    throw new Error(`${projectName}'s webhook does not start a build for ${event.event} of ${event.headRef} into ${event.baseRef}: its filter groups are ${JSON.stringify(webhook.filter_group)}`);
  }
  return standaloneAction(stack, project, "PullRequestCheck", {
    CODEBUILD_WEBHOOK_EVENT: event.event,
    CODEBUILD_WEBHOOK_BASE_REF: event.baseRef,
    CODEBUILD_WEBHOOK_HEAD_REF: event.headRef,
    CODEBUILD_WEBHOOK_TRIGGER: `pr/${event.id}`,
    CODEBUILD_WEBHOOK_ACTOR_ACCOUNT_ID: event.actorAccountId,
    CODEBUILD_SOURCE_VERSION: `pr/${event.id}`,
  });
}

/**
 * A project an EventBridge schedule starts (no input: the project as it is), run as `stage`. Undefined when
 * the stack has no such project or no schedule starts it.
 */
export function scheduledBuild(stack: Json, projectName: string, stage: string): CodeBuildAction | undefined {
  const started = startedBy(stack, projectName);
  if (!started) return undefined;
  const rule = Object.entries<Json>(stack.resource?.aws_cloudwatch_event_rule ?? {}).find(([id]) => started.target.rule === `\${aws_cloudwatch_event_rule.${id}.name}`)?.[1];
  return rule?.schedule_expression ? standaloneAction(stack, started.project, stage, {}) : undefined;
}

/** The project named, and the EventBridge target that starts it. */
function startedBy(stack: Json, projectName: string): { project: Json; target: Json } | undefined {
  const [id, project] = Object.entries<Json>(stack.resource?.aws_codebuild_project ?? {}).find(([, p]) => p.name === projectName) ?? [];
  if (!id || !project) return undefined;
  const target = Object.values<Json>(stack.resource?.aws_cloudwatch_event_target ?? {}).find((t) => t.arn === `\${aws_codebuild_project.${id}.arn}`);
  return target ? { project, target } : undefined;
}

/** A project that checks out the repository itself: run on the source. */
function standaloneAction(stack: Json, project: Json, stage: string, actionVariables: Record<string, string>): CodeBuildAction {
  const role = referenced(stack, project.service_role, "aws_iam_role");
  return {
    kind: "codebuild",
    stage,
    projectName: project.name,
    roleName: role.name,
    timeoutMinutes: project.build_timeout ?? 60,
    inputs: ["source"],
    outputs: [],
    actionVariables,
    buildSpec: parseBuildSpec(project.source.buildspec),
  };
}

type CodeBuildAction = Extract<PipelineAction, { kind: "codebuild" }>;

export function parseBuildSpec(text: string): BuildSpec {
  const spec = parse(text) as Json;
  return {
    variables: spec.env?.variables ?? {},
    secrets: spec.env?.["secrets-manager"] ?? {},
    install: spec.phases?.install?.commands ?? [],
    build: spec.phases?.build?.commands ?? [],
    postBuild: spec.phases?.post_build?.commands ?? [],
    exportedVariables: spec.env?.["exported-variables"] ?? [],
    artifactFiles: spec.artifacts?.files ?? [],
  };
}

/** The resource a `${type.id.attr}` reference points at (or the value itself when it is a literal name). */
function referenced(stack: Json, reference: string, type: string): Json {
  const match = /^\$\{([a-z0-9_]+)\.([^.}]+)\.[a-z_]+\}$/.exec(reference ?? "");
  if (!match) throw new Error(`expected a reference to a ${type}, found ${JSON.stringify(reference)}`);
  const [, refType, id] = match;
  const resource = stack.resource?.[refType]?.[id];
  if (refType !== type || !resource) throw new Error(`reference ${reference} does not name a ${type} of the stack`);
  return resource;
}

/** Replaces CodePipeline's `#{namespace.Variable}` references with the rehearsal's values. */
export function resolvePipelineVariables(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/#\{([A-Za-z0-9_.@-]+)\}/g, (whole, name: string) => values[name] ?? whole);
}
