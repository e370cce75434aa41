import { App, IamRole, TerraformStack } from "../../stacks/cdktf";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { refuseWhatAwsWouldRefuse } from "../../stacks/acceptance/refuse-at-synth";
import { addAppStacks } from "../../stacks/app-stacks";
import { InputError, loadConfig } from "../../stacks/config";
import { baseConfig, writeTempProject } from "../../testkit/temp-project";

function appOf(): App {
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "glue-cdktf-refuse-")), "out");
  const app = new App({ outdir, skipValidation: true, stackTraces: false });
  addAppStacks(app, loadConfig(writeTempProject(baseConfig())));
  return app;
}

describe("refuseWhatAwsWouldRefuse", () => {
  test("lets the app's own stacks through", () => {
    expect(() => refuseWhatAwsWouldRefuse(appOf())).not.toThrow();
  });

  test("stops synth with the finding, the resource and the fix when a stack holds what AWS refuses", () => {
    const app = appOf();
    const dev = app.node.findChild("dev-glue") as TerraformStack;
    new IamRole(dev, "too-long", { name: `role-${"x".repeat(70)}`, assumeRolePolicy: "{}" });
    expect(() => refuseWhatAwsWouldRefuse(app)).toThrow(InputError);
    expect(() => refuseWhatAwsWouldRefuse(app)).toThrow(/AWS would refuse what this config synthesizes; nothing was written:[\s\S]*dev-glue:[\s\S]*aws_iam_role\.too-long[\s\S]*fix:/);
  });
});
