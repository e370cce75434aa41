/**
 * Gap glue-data-quality-rulesets against the real launcher: Glue Data Quality rulesets are kept by name
 * with their DQDL text, target table and tags, and refused as AWS refuses them.
 */
import {
  CreateDataQualityRulesetCommand,
  DeleteDataQualityRulesetCommand,
  GetDataQualityRulesetCommand,
  GetTagsCommand,
  GlueClient,
  UpdateDataQualityRulesetCommand,
} from "@aws-sdk/client-glue";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { Agent } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type Emulator } from "../../rehearsal/emulator/emulator";

const ACCOUNT = "111111111111";
const REGION = "eu-west-1";

describe("Glue Data Quality rulesets in the emulator", () => {
  let workDir: string;
  let emulator: Emulator;
  let glue: GlueClient;

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), "glue-dq-rulesets-"));
    emulator = await startEmulator({ workDir });
    glue = new GlueClient({
      region: REGION,
      endpoint: emulator.endpoint,
      credentials: await emulator.adminCredentials(ACCOUNT),
      requestHandler: new NodeHttpHandler({ httpsAgent: new Agent({ ca: readFileSync(emulator.caBundle) }) }),
    });
  });

  afterAll(async () => {
    await emulator?.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  test("a ruleset is created, read, tagged, updated and deleted as on AWS", async () => {
    const Name = "dev-JoinLegislators-output_path";
    await glue.send(new CreateDataQualityRulesetCommand({ Name, Ruleset: "Rules = [ RowCount > 0 ]", TargetTable: { DatabaseName: "dev_glue", TableName: "legislators_history" }, Tags: { environment: "dev" } }));
    expect(await glue.send(new GetDataQualityRulesetCommand({ Name }))).toMatchObject({ Name, Ruleset: "Rules = [ RowCount > 0 ]", TargetTable: { DatabaseName: "dev_glue", TableName: "legislators_history" } });
    const arn = `arn:aws:glue:${REGION}:${ACCOUNT}:dataQualityRuleset/${Name}`;
    expect((await glue.send(new GetTagsCommand({ ResourceArn: arn }))).Tags).toEqual({ environment: "dev" });
    await glue.send(new UpdateDataQualityRulesetCommand({ Name, Ruleset: 'Rules = [ RowCount > 0, IsComplete "id" ]' }));
    expect((await glue.send(new GetDataQualityRulesetCommand({ Name }))).Ruleset).toBe('Rules = [ RowCount > 0, IsComplete "id" ]');
    await expect(glue.send(new CreateDataQualityRulesetCommand({ Name, Ruleset: "Rules = [ RowCount > 0 ]" }))).rejects.toMatchObject({ name: "AlreadyExistsException" });
    await glue.send(new DeleteDataQualityRulesetCommand({ Name }));
    await expect(glue.send(new GetDataQualityRulesetCommand({ Name }))).rejects.toMatchObject({ name: "EntityNotFoundException" });
  });

  test("a ruleset that is not DQDL is refused", async () => {
    await expect(glue.send(new CreateDataQualityRulesetCommand({ Name: "dev-x", Ruleset: "RowCount > 0" }))).rejects.toMatchObject({ name: "InvalidInputException" });
  });
});
