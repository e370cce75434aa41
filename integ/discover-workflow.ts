import { EntityNotFoundException, GetWorkflowCommand, type GlueClient } from "@aws-sdk/client-glue";
import { stageWorkflowName } from "../stacks/names";
import { workflowJobs, type WorkflowJobs } from "./workflow-graph";

/** A stage's deployed workflow: its name and its jobs with what each waits for. */
export interface StageWorkflow extends WorkflowJobs {
  readonly name: string;
}

/** The workflow `<stage>-glue-workflow` (GetWorkflow with its graph), or undefined when the stage has none. */
export async function findStageWorkflow(glue: GlueClient, stageName: string): Promise<StageWorkflow | undefined> {
  const name = stageWorkflowName(stageName);
  try {
    const { Workflow } = await glue.send(new GetWorkflowCommand({ Name: name, IncludeGraph: true }));
    return { name, ...workflowJobs(Workflow?.Graph) };
  } catch (error) {
    if (error instanceof EntityNotFoundException || (error as Error).name === "EntityNotFoundException") return undefined;
    throw error;
  }
}
