import { DEFAULT_CONCURRENCY, DEFAULT_MAX_DURATION_SECONDS, DEFAULT_MAX_WAIT_MINUTES, parseIntegArgs, UsageError } from "../../integ/args";

const required = ["--account", "123456789012", "--region", "eu-west-1", "--stage-name", "dev"];

function usageMessage(argv: string[], env: NodeJS.ProcessEnv = {}): string {
  try {
    parseIntegArgs(argv, env);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`expected a UsageError for ${argv.join(" ")}`);
}

describe("parseIntegArgs", () => {
  it("applies the seed's defaults when only the required arguments are given", () => {
    expect(parseIntegArgs(required, {})).toEqual({
      mode: "auto",
      account: "123456789012",
      region: "eu-west-1",
      stageName: "dev",
      roleArn: undefined,
      endpointUrl: undefined,
      maxWaitMinutes: DEFAULT_MAX_WAIT_MINUTES,
      maxDurationSeconds: DEFAULT_MAX_DURATION_SECONDS,
      concurrency: DEFAULT_CONCURRENCY,
      reportPath: undefined,
    });
    expect([DEFAULT_MAX_WAIT_MINUTES, DEFAULT_MAX_DURATION_SECONDS, DEFAULT_CONCURRENCY]).toEqual([30, 600, 10]);
  });

  it("reads every option", () => {
    const options = parseIntegArgs(
      [
        ...required,
        "--role-arn", "arn:aws:iam::123456789012:role/glue-test-dev",
        "--endpoint-url", "http://127.0.0.1:5000",
        "--max-wait-minutes", "0.5",
        "--max-duration-seconds", "120",
        "--concurrency", "3",
        "--report", "out/report.xml",
        "--mode", "workflow",
      ],
      {},
    );
    expect(options).toMatchObject({
      mode: "workflow",
      roleArn: "arn:aws:iam::123456789012:role/glue-test-dev",
      endpointUrl: "http://127.0.0.1:5000",
      maxWaitMinutes: 0.5,
      maxDurationSeconds: 120,
      concurrency: 3,
      reportPath: "out/report.xml",
    });
  });

  it("returns help for --help, even without the required arguments", () => {
    expect(parseIntegArgs(["--help"], {})).toBe("help");
  });

  it.each([
    ["--account", ["--region", "eu-west-1", "--stage-name", "dev"]],
    ["--region", ["--account", "123456789012", "--stage-name", "dev"]],
    ["--stage-name", ["--account", "123456789012", "--region", "eu-west-1"]],
  ])("names the missing %s", (flag, argv) => {
    expect(usageMessage(argv)).toContain(`${flag} is required`);
  });

  it.each(["12345", "1234567890123", "12345678901a", " "])("rejects the account %j", (account) => {
    expect(usageMessage(["--account", account, "--region", "eu-west-1", "--stage-name", "dev"])).toMatch(/--account/);
  });

  it.each(["useast1", "US-EAST-1", "eu-west", "eu_west_1"])("rejects the region %j", (region) => {
    expect(usageMessage(["--account", "123456789012", "--region", region, "--stage-name", "dev"])).toContain("--region must be an AWS region");
  });

  it("says so when an account ID is passed as the region (the seed's bug)", () => {
    expect(usageMessage(["--account", "123456789012", "--region", "123456789012", "--stage-name", "dev"])).toContain(
      "looks like an account ID",
    );
  });

  it.each(["us-gov-west-1", "ap-southeast-5", "cn-north-1", "il-central-1"])("accepts the region %s", (region) => {
    expect(parseIntegArgs(["--account", "123456789012", "--region", region, "--stage-name", "dev"], {})).toMatchObject({ region });
  });

  it.each([
    [["--stage-name", "Dev!"], "--stage-name"],
    [["--role-arn", "glue-test-dev"], "--role-arn"],
    [["--max-wait-minutes", "0"], "--max-wait-minutes must be a positive number"],
    [["--max-duration-seconds", "ten"], "--max-duration-seconds must be a positive number"],
    [["--concurrency", "2.5"], "--concurrency must be a whole number"],
    [["--concurrency", "51"], "--concurrency must be a whole number from 1 to 50"],
    [["--report", "report.txt"], "--report must end in .json"],
    [["--endpoint-url", "not a url"], "--endpoint-url"],
    [["--endpoint-url", "http://glue.example.com"], "must use https, or http on a loopback host"],
    [["--bogus", "1"], "Unknown option '--bogus'"],
    [["--mode", "chain"], '--mode must be one of auto, workflow, jobs, got "chain"'],
  ])("rejects %j", (extra, message) => {
    expect(usageMessage([...required, ...extra])).toContain(message);
  });

  it("takes the endpoint from AWS_ENDPOINT_URL when the flag is absent, and prefers the flag", () => {
    expect(parseIntegArgs(required, { AWS_ENDPOINT_URL: "http://localhost:4566" })).toMatchObject({ endpointUrl: "http://localhost:4566" });
    expect(
      parseIntegArgs([...required, "--endpoint-url", "https://glue.example.com"], { AWS_ENDPOINT_URL: "http://localhost:4566" }),
    ).toMatchObject({ endpointUrl: "https://glue.example.com" });
  });
});
