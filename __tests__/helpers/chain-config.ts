/** The example as a chain, for tests: JoinLegislators writes legislators_history; SummarizeLegislators reads it, after it. */
import { baseConfig } from "../../testkit/temp-project";

type Json = Record<string, any>;

/** The third script the chain needs next to the two of writeTempProject. */
export const SUMMARY_SCRIPT = "summarize_legislators.py";

export function chainConfig(change: (config: Json) => void = () => {}): Json {
  const config = baseConfig();
  config.jobs.JoinLegislators.outputs.output_path = { path: "s3://{stageBucket}/output/join_legislators/", table: "legislators_history" };
  config.jobs.SummarizeLegislators = {
    script: SUMMARY_SCRIPT,
    after: ["JoinLegislators"],
    inputs: { history: { table: "legislators_history" } },
    outputs: { output_path: { path: "s3://{stageBucket}/output/summarize_legislators/", table: "legislators_summary" } },
  };
  change(config);
  return config;
}
