import { rehearsalGlueJobRuns } from "../../rehearsal/glue-job-runs-setting";

describe("rehearsalGlueJobRuns", () => {
  test("jobs really run unless REHEARSAL_GLUE_JOB_RUNS=moto", () => {
    expect(rehearsalGlueJobRuns({})).toBe("local-spark");
    expect(rehearsalGlueJobRuns({ REHEARSAL_GLUE_JOB_RUNS: "local-spark" })).toBe("local-spark");
    expect(rehearsalGlueJobRuns({ REHEARSAL_GLUE_JOB_RUNS: "moto" })).toBe("moto");
  });

  test("any other value is refused, naming the choices", () => {
    expect(() => rehearsalGlueJobRuns({ REHEARSAL_GLUE_JOB_RUNS: "off" })).toThrow("REHEARSAL_GLUE_JOB_RUNS=off: expected local-spark (the default: jobs really run) or moto (moto's runs, nothing run)");
  });
});
