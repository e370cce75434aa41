/** The fields of a synthesized `aws_glue_job` that the Glue rules read. */
import type { ResourceRef } from "./types";

export interface GlueJobFields {
  readonly command?: string;
  /** As a number, e.g. 5.1; NaN when not set. */
  readonly version: number;
  readonly versionText?: string;
  readonly workerType?: string;
  readonly executionClass?: string;
}

export function glueJobFields(resource: ResourceRef): GlueJobFields {
  const { block } = resource;
  const command = Array.isArray(block.command) ? block.command[0] : block.command;
  const versionText = typeof block.glue_version === "string" ? block.glue_version : undefined;
  return {
    // Glue's default command is glueetl.
    command: typeof command?.name === "string" ? command.name : "glueetl",
    version: versionText ? Number.parseFloat(versionText) : Number.NaN,
    versionText,
    workerType: typeof block.worker_type === "string" ? block.worker_type : undefined,
    executionClass: typeof block.execution_class === "string" ? block.execution_class : undefined,
  };
}
