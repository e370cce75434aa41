/** The `pipeline` stack of a changed base config, synthesized alone, and lookups into its JSON. */
import { Testing } from "../../stacks/cdktf";
import { loadConfig } from "../../stacks/config";
import { PipelineStack } from "../../stacks/pipeline-stack";
import { baseConfig, writeTempProject } from "../../testkit/temp-project";

export type Json = Record<string, any>;

export function synthPipelineJson(edit: (c: Json) => void = () => {}): Json {
  const input = baseConfig();
  edit(input);
  return JSON.parse(Testing.synth(new PipelineStack(Testing.app(), "pipeline", { config: loadConfig(writeTempProject(input)) })));
}

export const valuesOf = (json: Json, type: string): Json[] => Object.values(json.resource?.[type] ?? {});

export const projectNamed = (json: Json, name: string): Json | undefined => valuesOf(json, "aws_codebuild_project").find((p) => p.name === name);
