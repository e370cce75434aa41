/** The whole AWS acceptance pack, IAM actions included, over every stack of four configs: no finding. */
import { checkAcceptance, formatFindings } from "../../stacks/acceptance";
import { acceptanceConfigFiles } from "../../testkit/acceptance-configs";
import { synthApp } from "../../testkit/synth-app";
import { projectActionCatalog } from "./project-catalog";

describe.each(Object.entries(acceptanceConfigFiles()))("AWS acceptance rules with %s", (_name, file) => {
  const stacks = synthApp(file);

  test("synthesizes the three stacks", () => {
    expect(Object.keys(stacks).sort()).toEqual(["dev-glue", "pipeline", "prod-glue"]);
  });

  test("find nothing AWS would refuse", () => {
    const findings = checkAcceptance(stacks, { actionCatalog: projectActionCatalog() });
    expect(formatFindings(findings)).toBe("AWS acceptance rules: no findings");
  });
});
