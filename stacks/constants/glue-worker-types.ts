/**
 * Glue's worker types, once, as data: what each is (DPUs, vCPUs and memory per worker), which job
 * commands and Glue versions may use it, and whether it runs with the FLEX execution class. The config
 * schema, the config's checks and the acceptance rules glue-worker-type and glue-execution-class all
 * read this table.
 *
 * Sources:
 * - "AWS Glue worker types", https://docs.aws.amazon.com/glue/latest/dg/worker-types.html (DPUs, vCPUs,
 *   memory; a DPU is 4 vCPUs and 16 GB, an R type's M-DPU 4 vCPUs and 32 GB)
 * - "Jobs - Job structure, WorkerType", https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-jobs-job.html
 *   (G.025X for streaming jobs of Glue 3.0+; G.4X and G.8X from Glue 3.0; G.12X, G.16X and R.1X-R.8X from
 *   Glue 4.0, Spark ETL jobs; Z.2X for Ray jobs; Standard is Glue 1.0 and earlier's worker, sized by MaxCapacity)
 * - FLEX: "Jobs - Job structure, ExecutionClass" (same page): only jobs of Glue 3.0 or later with the command
 *   glueetl may set FLEX; "Flexible job runs are supported for jobs using AWS Glue version 3.0 or later and
 *   G.1X or G.2X worker types" (https://docs.aws.amazon.com/glue/latest/dg/add-job.html, Execution class).
 */

/** The job commands of Glue (JobCommand.Name). */
export type GlueCommand = "glueetl" | "gluestreaming" | "pythonshell" | "glueray";

export interface GlueWorkerType {
  /** DPUs per worker (M-DPUs for the R types and Z.2X) */
  readonly dpu: number;
  readonly vcpus: number;
  readonly memoryGb: number;
  /** The job commands that may run on it */
  readonly commands: readonly GlueCommand[];
  /** The first Glue version that offers it; none where every version does */
  readonly minGlueVersion?: string;
  /** Glue runs it with the FLEX execution class */
  readonly flex: boolean;
  /** Glue 1.0 and earlier's worker (sized by MaxCapacity): known to the rules, not offered by the config */
  readonly legacy?: true;
}

const SPARK: readonly GlueCommand[] = ["glueetl", "gluestreaming"];

export const GLUE_WORKER_TYPES = {
  Standard: { dpu: 1, vcpus: 4, memoryGb: 16, commands: SPARK, flex: false, legacy: true },
  "G.025X": { dpu: 0.25, vcpus: 2, memoryGb: 4, commands: ["gluestreaming"], minGlueVersion: "3.0", flex: false },
  "G.1X": { dpu: 1, vcpus: 4, memoryGb: 16, commands: SPARK, flex: true },
  "G.2X": { dpu: 2, vcpus: 8, memoryGb: 32, commands: SPARK, flex: true },
  "G.4X": { dpu: 4, vcpus: 16, memoryGb: 64, commands: SPARK, minGlueVersion: "3.0", flex: false },
  "G.8X": { dpu: 8, vcpus: 32, memoryGb: 128, commands: SPARK, minGlueVersion: "3.0", flex: false },
  "G.12X": { dpu: 12, vcpus: 48, memoryGb: 192, commands: ["glueetl"], minGlueVersion: "4.0", flex: false },
  "G.16X": { dpu: 16, vcpus: 64, memoryGb: 256, commands: ["glueetl"], minGlueVersion: "4.0", flex: false },
  "R.1X": { dpu: 1, vcpus: 4, memoryGb: 32, commands: ["glueetl"], minGlueVersion: "4.0", flex: false },
  "R.2X": { dpu: 2, vcpus: 8, memoryGb: 64, commands: ["glueetl"], minGlueVersion: "4.0", flex: false },
  "R.4X": { dpu: 4, vcpus: 16, memoryGb: 128, commands: ["glueetl"], minGlueVersion: "4.0", flex: false },
  "R.8X": { dpu: 8, vcpus: 32, memoryGb: 256, commands: ["glueetl"], minGlueVersion: "4.0", flex: false },
  "Z.2X": { dpu: 2, vcpus: 8, memoryGb: 64, commands: ["glueray"], minGlueVersion: "4.0", flex: false },
} as const satisfies Record<string, GlueWorkerType>;

export type GlueWorkerTypeName = keyof typeof GLUE_WORKER_TYPES;

const NAMES = Object.keys(GLUE_WORKER_TYPES) as GlueWorkerTypeName[];
const facts = (name: GlueWorkerTypeName): GlueWorkerType => GLUE_WORKER_TYPES[name];

/** The schema's enum takes a list with at least one name. */
function nonEmpty<T>(list: T[]): readonly [T, ...T[]] {
  if (list.length === 0) throw new Error("GLUE_WORKER_TYPES offers the config no worker type");
  return list as unknown as readonly [T, ...T[]];
}

/** The facts of a worker type named in a synthesized job, or undefined where Glue has none of that name. */
export function glueWorkerType(name: string): GlueWorkerType | undefined {
  return Object.hasOwn(GLUE_WORKER_TYPES, name) ? facts(name as GlueWorkerTypeName) : undefined;
}

/**
 * What the config offers: every Spark worker type but the legacy one. G.025X is among them so that the
 * config can say why it does not fit (streaming only) rather than that it does not exist.
 */
type Table = typeof GLUE_WORKER_TYPES;
/** A worker type the config offers: not the legacy one, not Ray's. */
export type WorkerType = {
  [K in GlueWorkerTypeName]: Table[K] extends { readonly legacy: true } ? never : Table[K]["commands"] extends readonly ["glueray"] ? never : K;
}[GlueWorkerTypeName];

/**
 * What the config offers: every Spark worker type but the legacy one. G.025X is among them so that the
 * config can say why it does not fit (streaming only) rather than that it does not exist.
 */
export const WORKER_TYPES = nonEmpty(NAMES.filter((n): n is WorkerType => !facts(n).legacy && facts(n).commands.some((c) => SPARK.includes(c))));

/** The config's worker types that run Spark ETL (glueetl) jobs, the kind this project deploys. */
export const ETL_WORKER_TYPES: readonly WorkerType[] = WORKER_TYPES.filter((n) => facts(n).commands.includes("glueetl"));

/** The config's worker types that Glue runs only for streaming jobs; the project's jobs are Spark ETL (glueetl). */
export const STREAMING_ONLY_WORKER_TYPES: readonly WorkerType[] = WORKER_TYPES.filter((n) => !ETL_WORKER_TYPES.includes(n));

/** What FLEX needs: the command, the first Glue version, and the worker types it runs on. */
export const FLEX_RULES = {
  commands: ["glueetl"] as readonly GlueCommand[],
  minGlueVersion: "3.0",
  workerTypes: NAMES.filter((n) => facts(n).flex),
} as const;

/** The config's worker types that run with FLEX. */
export const FLEX_WORKER_TYPES: readonly WorkerType[] = WORKER_TYPES.filter((n) => facts(n).flex);
