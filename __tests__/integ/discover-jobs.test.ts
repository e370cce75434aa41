import { belongsToStage, discoverStageJobs, jobArn, listAllJobNames, partitionOf } from "../../integ/discover-jobs";
import { FAKE_ACCOUNT, FAKE_REGION, FakeGlueAccount, serviceError, type FakeJob } from "./fake-glue";

const target = { account: FAKE_ACCOUNT, region: FAKE_REGION, stageName: "dev" };
const tagged = (name: string, stage: string): FakeJob => ({ name, tags: { stack_name: `${stage}-glue`, environment: stage } });

describe("belongsToStage", () => {
  it("matches the stage's stack exactly, not by prefix", () => {
    expect(belongsToStage({ stack_name: "dev-glue" }, "dev")).toBe(true);
    expect(belongsToStage({ stack_name: "dev2-glue" }, "dev")).toBe(false);
    expect(belongsToStage({ stack_name: "dev" }, "dev")).toBe(false);
    expect(belongsToStage({ environment: "dev" }, "dev")).toBe(false);
    expect(belongsToStage(undefined, "dev")).toBe(false);
  });
});

describe("jobArn", () => {
  it("builds the ARN GetTags expects, in the region's partition", () => {
    expect(jobArn({ account: "123456789012", region: "eu-west-1" }, "ProcessLegislators")).toBe(
      "arn:aws:glue:eu-west-1:123456789012:job/ProcessLegislators",
    );
    expect(partitionOf("cn-north-1")).toBe("aws-cn");
    expect(partitionOf("us-gov-west-1")).toBe("aws-us-gov");
    expect(partitionOf("us-east-1")).toBe("aws");
  });
});

describe("listAllJobNames", () => {
  it("follows NextToken across every page", async () => {
    const jobs = Array.from({ length: 7 }, (_, index) => tagged(`job-${index}`, "dev"));
    const account = new FakeGlueAccount(jobs);
    await expect(listAllJobNames(account.client, 3)).resolves.toEqual(jobs.map((job) => job.name));
    const pages = account.calls.filter((call) => call.command === "GetJobsCommand");
    expect(pages.map((call) => call.input.NextToken)).toEqual([undefined, "3", "6"]);
  });
});

describe("discoverStageJobs", () => {
  it("keeps only the stage's jobs, sorted, from every page", async () => {
    const account = new FakeGlueAccount([
      tagged("zeta-dev", "dev"),
      tagged("alpha-prod", "prod"),
      tagged("beta-dev2", "dev2"),
      { name: "untagged" },
      tagged("alpha-dev", "dev"),
    ]);
    const lines: string[] = [];
    await expect(discoverStageJobs(account.client, target, (line) => lines.push(line), { pageSize: 2 })).resolves.toEqual([
      "alpha-dev",
      "zeta-dev",
    ]);
    expect(lines).toEqual([`discover: 5 job(s) in ${FAKE_ACCOUNT}/${FAKE_REGION}, 2 tagged stack_name=dev-glue: alpha-dev, zeta-dev`]);
  });

  it("treats a job whose tags the role may not read as another stage's job", async () => {
    const account = new FakeGlueAccount([tagged("a-dev", "dev"), { ...tagged("b-prod", "prod"), tagsDenied: true }]);
    const lines: string[] = [];
    await expect(discoverStageJobs(account.client, target, (line) => lines.push(line))).resolves.toEqual(["a-dev"]);
    expect(lines[0]).toContain("1 skipped: tags not readable by this role");
  });

  it("skips a job deleted between GetJobs and GetTags", async () => {
    const account = new FakeGlueAccount([tagged("a-dev", "dev"), { ...tagged("ghost-dev", "dev"), deletedAfterListing: true }]);
    const lines: string[] = [];
    await expect(discoverStageJobs(account.client, target, (line) => lines.push(line))).resolves.toEqual(["a-dev"]);
    expect(lines[0]).toContain("1 skipped: deleted while listing");
  });

  it("finds nothing when the jobs live in another account than the one named", async () => {
    const account = new FakeGlueAccount([tagged("a-dev", "dev")], { account: "210987654321", region: FAKE_REGION });
    await expect(discoverStageJobs(account.client, target, () => {})).resolves.toEqual([]);
  });

  it("passes other GetTags errors on", async () => {
    const account = new FakeGlueAccount([{ ...tagged("a-dev", "dev"), tagsError: serviceError("InternalServiceException", "Glue is down") }]);
    await expect(discoverStageJobs(account.client, target, () => {})).rejects.toThrow("Glue is down");
  });
});
