/**
 * Every kind of config the schema allows, and how each is proven: by a rehearsal of a config of exactly
 * that kind, or by the tests named, with the reason it has no rehearsal of its own.
 *
 * A kind is a source type × a backend type × pull-request checks on or off × an account layout (which of
 * pipelineAccount, devAccount and prodAccount share an account). The values come from the schema itself
 * (stacks/config/schema.ts), so a new source or backend type, or another account key, makes a kind no row
 * covers, and __tests__/rehearsal/config-kinds.test.ts fails until the table says how it is proven.
 *
 * A rehearsal costs minutes; `npm run rehearse:all` runs two (both-topologies.ts), and every value of every dimension is in one
 * of them but `local` and checks off, whose reasons follow. Each row lists the values it covers.
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { configSchema } from "../stacks/config/schema";

export interface ConfigKind {
  readonly source: string;
  readonly backend: string;
  readonly pullRequests: boolean;
  /** Which account keys share an account, e.g. `pipeline+dev+prod` (one account) or `pipeline|dev|prod` (three) */
  readonly accounts: string;
}

export type KindProof =
  | { readonly rehearsal: string; readonly note?: string }
  /** `file` is the suite's path in the tests folder, `test` its test's name */
  | { readonly tests: readonly { readonly file: string; readonly test: string }[]; readonly why: string };

export interface KindRow {
  readonly sources: readonly string[];
  readonly backends: readonly string[];
  readonly pullRequests: readonly boolean[];
  /** Account layouts, or "any" for every layout the schema allows */
  readonly accounts: readonly string[] | "any";
  readonly proof: KindProof;
}

const ONE = "pipeline+dev+prod";
const THREE = "pipeline|dev|prod";

/** First matching row wins. */
export const KIND_ROWS: readonly KindRow[] = [
  {
    sources: ["codecommit"],
    backends: ["cloud"],
    pullRequests: [true],
    accounts: [ONE],
    proof: {
      rehearsal: "default-config.yaml",
      note: "HCP Terraform is not emulated: the rehearsal keeps the state in one local directory (workspace.ts), so reading the token is not rehearsed",
    },
  },
  { sources: ["codestar"], backends: ["s3"], pullRequests: [true], accounts: [THREE], proof: { rehearsal: "rehearsal/configs/three-accounts.yaml" } },
  {
    sources: ["codecommit", "codestar"],
    backends: ["local"],
    pullRequests: [true, false],
    accounts: "any",
    proof: {
      why: "a pipeline on local state starts every build from empty state, so synth warns against deploying it; local state is what every cloud-backend rehearsal runs on",
      tests: [
        { file: "pipeline-stack.test.ts", test: "warns that a local backend keeps no state between the pipeline's builds" },
        { file: "state-backend.test.ts", test: "local: a state file per stack under the configured directory" },
      ],
    },
  },
  {
    sources: ["codecommit", "codestar"],
    backends: ["cloud", "s3"],
    pullRequests: [false],
    accounts: "any",
    proof: {
      why: "with the checks off the stacks differ only by the check's project and trigger, which are not made; each rehearsal runs the rest",
      tests: [{ file: "pr-check.test.ts", test: "pullRequests.enabled: false: no check, no trigger, and only PlanProd plans through the plan roles (the drift check off too)" }],
    },
  },
  {
    sources: ["codecommit", "codestar"],
    backends: ["cloud", "s3"],
    pullRequests: [true],
    accounts: "any",
    proof: {
      why:
        "source, backend and accounts touch separate parts: the source the Source action, the check's trigger and its checkout; the backend each stack's state and the steps' state rights; " +
        "the accounts each stage's deploy access, decided per stage (direct in the pipeline's account, else a deploy role through a profile). Each source, each emulated backend and both " +
        "deploy modes are rehearsed; the other combinations are synthesized and checked by these tests",
      tests: [
        { file: "pr-check.test.ts", test: "an EventBridge rule on created and updated pull requests into the target branch starts it on the source commit" },
        { file: "pr-check.test.ts", test: "GitHub by default: checks out through the connection, reports its status on the commit, started by a webhook on pull requests" },
        { file: "pipeline-stack.test.ts", test: "cloud: the HCP token comes from Secrets Manager and never appears in the synthesized JSON" },
        { file: "pipeline-stack.test.ts", test: "s3: each step reaches only its own stack's state object and lock" },
        { file: "rehearsal/config-kinds.test.ts", test: "each stage's deploy access depends on its own account alone, in every account layout" },
      ],
    },
  },
];

type Schema = { _zod: { def: Record<string, any> }; shape?: Record<string, Schema>; options?: Schema[] };

/** The schema under optional, default, nullable and preprocess wrappers. */
function unwrap(schema: Schema): Schema {
  let current = schema;
  for (;;) {
    const def = current._zod.def;
    if (def.type === "optional" || def.type === "default" || def.type === "nullable") current = def.innerType;
    else if (def.type === "pipe") current = def.out;
    else return current;
  }
}

/** The `type` values of a discriminated union of the schema's top level, e.g. backend: cloud, s3, local. */
export function unionTypes(key: string, schema: Schema = configSchema as unknown as Schema): string[] {
  const union = unwrap(schema.shape![key]);
  if (union._zod.def.type !== "union" || !union.options) throw new Error(`config-kinds: ${key} is no longer a union of types; update config-kinds.ts`);
  return union.options.flatMap((option) => (option.shape!.type._zod.def.values as string[]) ?? []);
}

/** The top-level keys whose value is an account (awsAccountId and awsRegion), in the schema's order. */
export function accountKeys(schema: Schema = configSchema as unknown as Schema): string[] {
  return Object.entries(schema.shape!)
    .filter(([, value]) => {
      const inner = unwrap(value);
      return inner._zod.def.type === "object" && "awsAccountId" in (inner.shape ?? {}) && "awsRegion" in (inner.shape ?? {});
    })
    .map(([key]) => key);
}

/** The values pullRequests.enabled may take: both, as long as it is a boolean. */
export function pullRequestValues(schema: Schema = configSchema as unknown as Schema): boolean[] {
  const enabled = unwrap(unwrap(schema.shape!.pullRequests).shape!.enabled);
  if (enabled._zod.def.type !== "boolean") throw new Error("config-kinds: pullRequests.enabled is no longer a boolean; update config-kinds.ts");
  return [true, false];
}

const shortName = (key: string) => key.replace(/Account$/, "");

/** Every way of grouping the account keys into accounts (set partitions), each as `a+b|c`. */
export function accountLayouts(keys: readonly string[] = accountKeys()): string[] {
  const partitions = (items: readonly string[]): string[][][] => {
    if (items.length === 0) return [[]];
    const [first, ...rest] = items;
    return partitions(rest).flatMap((partition) => [[[first], ...partition], ...partition.map((_, i) => partition.map((group, j) => (i === j ? [first, ...group] : group)))]);
  };
  const order = new Map(keys.map((k, i) => [shortName(k), i]));
  return partitions(keys.map(shortName)).map((partition) =>
    partition
      .map((group) => [...group].sort((a, b) => order.get(a)! - order.get(b)!))
      .sort((a, b) => order.get(a[0])! - order.get(b[0])!)
      .map((group) => group.join("+"))
      .join("|"),
  );
}

/** Every kind the schema allows. */
export function allKinds(): ConfigKind[] {
  const layouts = accountLayouts();
  return unionTypes("source").flatMap((source) =>
    unionTypes("backend").flatMap((backend) => pullRequestValues().flatMap((pullRequests) => layouts.map((accounts) => ({ source, backend, pullRequests, accounts })))),
  );
}

/** The layout of account ids by key, e.g. { pipelineAccount: "1", devAccount: "2", prodAccount: "2" } → `pipeline|dev+prod`. */
export function layoutOf(ids: Readonly<Record<string, string>>, keys: readonly string[] = accountKeys()): string {
  const groups = new Map<string, string[]>();
  for (const key of keys) groups.set(ids[key], [...(groups.get(ids[key]) ?? []), shortName(key)]);
  return [...groups.values()].map((group) => group.join("+")).join("|");
}

/** The kind of a config file, read from its YAML with the schema's defaults (type cloud, checks on). */
export function kindOfFile(file: string): ConfigKind {
  const raw = parse(readFileSync(file, "utf8")) as Record<string, any>;
  const ids = Object.fromEntries(accountKeys().map((key) => [key, String(raw[key]?.awsAccountId).padStart(12, "0")]));
  return { source: raw.source?.type, backend: raw.backend?.type ?? "cloud", pullRequests: raw.pullRequests?.enabled ?? true, accounts: layoutOf(ids) };
}

export function rowOf(kind: ConfigKind, rows: readonly KindRow[] = KIND_ROWS): KindRow | undefined {
  return rows.find(
    (row) =>
      row.sources.includes(kind.source) &&
      row.backends.includes(kind.backend) &&
      row.pullRequests.includes(kind.pullRequests) &&
      (row.accounts === "any" ? accountLayouts().includes(kind.accounts) : row.accounts.includes(kind.accounts)),
  );
}

/** The table as lines, one per kind: `codestar s3 checks pipeline|dev|prod: rehearsal …` */
export function formatKinds(): string {
  return allKinds()
    .map((kind) => {
      const proof = rowOf(kind)?.proof;
      const how = !proof ? "NOT COVERED" : "rehearsal" in proof ? `rehearsal ${proof.rehearsal}` : `tests (${[...new Set(proof.tests.map((t) => t.file))].join(", ")}): ${proof.why}`;
      return `${kind.source} ${kind.backend} ${kind.pullRequests ? "checks" : "no-checks"} ${kind.accounts}: ${how}`;
    })
    .join("\n");
}
