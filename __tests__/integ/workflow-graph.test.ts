import { fakeWorkflowGraph } from "./fake-workflow";
import { hasDependencies, jobRunsOf, longestChain, workflowJobs } from "../../integ/workflow-graph";

const chain = { name: "dev-glue-workflow", jobs: [{ name: "dev-Process" }, { name: "dev-Join" }, { name: "dev-Summarize", after: ["dev-Join"] }] };

describe("workflowJobs", () => {
  test("reads the jobs and, from the conditional triggers, what each waits for", () => {
    const jobs = workflowJobs(fakeWorkflowGraph(chain));
    expect(jobs).toEqual({ jobs: ["dev-Process", "dev-Join", "dev-Summarize"], predecessors: { "dev-Process": [], "dev-Join": [], "dev-Summarize": ["dev-Join"] } });
    expect(hasDependencies(jobs)).toBe(true);
    expect(longestChain(jobs)).toBe(2);
  });

  test("a job after several waits for all; a job only a trigger names is still a job", () => {
    const graph = fakeWorkflowGraph({ name: "w", jobs: [{ name: "A" }, { name: "B" }, { name: "C", after: ["A", "B"] }, { name: "D", after: ["C"] }] });
    graph.Nodes = graph.Nodes!.filter((node) => node.Name !== "D");
    const jobs = workflowJobs(graph);
    expect(jobs.predecessors).toEqual({ A: [], B: [], C: ["A", "B"], D: ["C"] });
    expect(longestChain(jobs)).toBe(3);
  });

  test("no graph (moto's GetWorkflow) means no jobs and nothing to wait for", () => {
    expect(workflowJobs(undefined)).toEqual({ jobs: [], predecessors: {} });
    expect(hasDependencies(workflowJobs({}))).toBe(false);
    expect(longestChain(workflowJobs({}))).toBe(0);
  });
});

describe("jobRunsOf", () => {
  test("each job's run from a run's graph, the last attempt of a retried job, none for a job not started", () => {
    const graph = fakeWorkflowGraph(chain, { "dev-Join": { JobRunState: "SUCCEEDED", StartedOn: new Date(2000) } });
    graph.Nodes!.find((n) => n.Name === "dev-Join")!.JobDetails!.JobRuns!.unshift({ Id: "jr_first", JobRunState: "FAILED", StartedOn: new Date(1000) });
    const runs = jobRunsOf(graph);
    expect(Object.keys(runs)).toEqual(["dev-Join"]);
    expect(runs["dev-Join"]).toMatchObject({ Id: "jr_dev-Join", JobRunState: "SUCCEEDED" });
  });
});
