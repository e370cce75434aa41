/** Every stack of the app, from one config: what `main.ts` synthesizes and what the guard tests inspect. */
import type { App } from "cdktf";
import type { AppConfig } from "./config";
import { GlueAppStack } from "./glue-app-stack";

export function addAppStacks(app: App, config: AppConfig): void {
  for (const stage of Object.values(config.stages)) {
    new GlueAppStack(app, stage.stackName, { config, stage });
  }
}
