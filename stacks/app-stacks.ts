/** Every stack of the app, from one config: what `main.ts` synthesizes and what the guard tests inspect. */
import type { App } from "./cdktf";
import type { AppConfig } from "./config";
import { GlueAppStack } from "./glue-app-stack";
import { PIPELINE_STACK_NAME } from "./names";
import { PipelineStack } from "./pipeline-stack";

export function addAppStacks(app: App, config: AppConfig): void {
  new PipelineStack(app, PIPELINE_STACK_NAME, { config });
  for (const stage of Object.values(config.stages)) {
    new GlueAppStack(app, stage.stackName, { config, stage });
  }
}
