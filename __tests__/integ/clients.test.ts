import { AssumeRoleCommand, GetCallerIdentityCommand, STSServiceException } from "@aws-sdk/client-sts";
import type { IntegOptions } from "../../integ/args";
import { AssumeRoleError, assumeRoleCredentials, createGlueClient, verifyCallerAccount, WrongAccountError, type StsApi } from "../../integ/clients";

const roleArn = "arn:aws:iam::123456789012:role/glue-test-dev";
const hour = 3_600_000;

/** An STS fake that answers AssumeRole with `assume` and GetCallerIdentity with `account`. */
function fakeSts(assume: () => unknown, account = "123456789012") {
  const commands: object[] = [];
  const sts = {
    send: async (command: object) => {
      commands.push(command);
      if (command instanceof AssumeRoleCommand) return assume();
      if (command instanceof GetCallerIdentityCommand) return { Account: account, Arn: `arn:aws:sts::${account}:assumed-role/x/y` };
      throw new Error(`unexpected ${command.constructor.name}`);
    },
  } as unknown as StsApi;
  return { sts, commands };
}

const grant = (expiration: Date) => () => ({
  Credentials: { AccessKeyId: "ASIAFAKE", SecretAccessKey: "secret", SessionToken: "token", Expiration: expiration },
});

const denied = () => {
  throw new STSServiceException({
    name: "AccessDenied",
    $fault: "client",
    $metadata: {},
    message: `User: arn:aws:sts::123456789012:assumed-role/codebuild/x is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
  });
};

describe("assumeRoleCredentials", () => {
  it("assumes the role at once, and renews only when the credentials are about to expire", async () => {
    let now = 0;
    const { sts, commands } = fakeSts(grant(new Date(hour)));
    const provider = await assumeRoleCredentials(sts, roleArn, "session", () => now);
    expect(commands).toHaveLength(1);
    expect((commands[0] as AssumeRoleCommand).input).toEqual({ RoleArn: roleArn, RoleSessionName: "session", DurationSeconds: 3600 });
    await expect(provider()).resolves.toEqual({ accessKeyId: "ASIAFAKE", secretAccessKey: "secret", sessionToken: "token", expiration: new Date(hour) });
    now = hour - 6 * 60_000;
    await provider();
    expect(commands).toHaveLength(1);
    now = hour - 4 * 60_000;
    await provider();
    expect(commands).toHaveLength(2);
  });

  it("explains a denied AssumeRole, naming the role and what to check", async () => {
    const { sts } = fakeSts(denied);
    const failure = assumeRoleCredentials(sts, roleArn, "session");
    await expect(failure).rejects.toBeInstanceOf(AssumeRoleError);
    await expect(failure).rejects.toThrow(`cannot assume ${roleArn} (AccessDenied: User:`);
    await expect(failure).rejects.toThrow("trust policy allows the caller");
  });

  it("fails when STS returns no credentials", async () => {
    const { sts } = fakeSts(() => ({}));
    await expect(assumeRoleCredentials(sts, roleArn, "session")).rejects.toThrow("returned no credentials");
  });
});

describe("verifyCallerAccount", () => {
  it("accepts credentials of the named account", async () => {
    await expect(verifyCallerAccount(fakeSts(denied).sts, { account: "123456789012", stageName: "dev" })).resolves.toBeUndefined();
  });

  it("rejects credentials of another account and suggests the stage's test role", async () => {
    const { sts } = fakeSts(denied, "999999999999");
    const failure = verifyCallerAccount(sts, { account: "123456789012", stageName: "dev" });
    await expect(failure).rejects.toBeInstanceOf(WrongAccountError);
    await expect(failure).rejects.toThrow(
      "the credentials are for account 999999999999 (arn:aws:sts::999999999999:assumed-role/x/y), not --account 123456789012. " +
        "Pass --role-arn arn:aws:iam::123456789012:role/glue-test-dev, or fix --account.",
    );
  });
});

describe("createGlueClient", () => {
  const options: IntegOptions = {
    account: "123456789012",
    region: "eu-west-1",
    stageName: "dev",
    roleArn,
    endpointUrl: "http://127.0.0.1:5000",
    maxWaitMinutes: 30,
    maxDurationSeconds: 600,
    concurrency: 10,
    mode: "auto",
  };

  it("signs Glue calls with the assumed role, in the stage's region and at the endpoint given", async () => {
    const { sts, commands } = fakeSts(grant(new Date(Date.now() + hour)));
    const signedWith: unknown[] = [];
    const glue = await createGlueClient(options, (credentials) => {
      signedWith.push(credentials);
      return sts;
    });
    expect(commands.map((command) => command.constructor.name)).toEqual(["AssumeRoleCommand", "GetCallerIdentityCommand"]);
    // AssumeRole goes out with the ambient credentials, the account check with the role's.
    expect(signedWith[0]).toBeUndefined();
    expect(typeof signedWith[1]).toBe("function");
    expect(await glue.config.region()).toBe("eu-west-1");
    expect(await glue.config.credentials()).toMatchObject({ accessKeyId: "ASIAFAKE", sessionToken: "token" });
    expect((await glue.config.endpoint!()).hostname).toBe("127.0.0.1");
    expect(await glue.config.maxAttempts()).toBe(5);
  });

  it("stops before any Glue call when the role cannot be assumed", async () => {
    const { sts, commands } = fakeSts(denied);
    await expect(createGlueClient(options, () => sts)).rejects.toBeInstanceOf(AssumeRoleError);
    expect(commands).toHaveLength(1);
  });
});
