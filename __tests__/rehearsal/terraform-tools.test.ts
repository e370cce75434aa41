import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AWS_PROVIDER,
  cliConfigMirrorDirs,
  cliConfigText,
  compareVersions,
  findProviderMirror,
  findTerraformTools,
  MIRROR_ENV,
  providerVersionsIn,
  rewriteProviderPin,
  terraformEnv,
} from "../../rehearsal/terraform-tools";

const PLATFORM = "linux_amd64";
let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "tf-tools-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** An unpacked mirror with these versions, under root/<name>. */
function mirror(name: string, versions: string[], platform = PLATFORM): string {
  const dir = join(root, name);
  for (const version of versions) {
    mkdirSync(join(dir, AWS_PROVIDER, version, platform), { recursive: true });
    writeFileSync(join(dir, AWS_PROVIDER, version, platform, `terraform-provider-aws_v${version}_x5`), "");
  }
  return dir;
}

const emptyHome = () => {
  const home = join(root, "home");
  mkdirSync(home, { recursive: true });
  return home;
};
// Nothing of the machine's own: no XDG dirs, a CLI config that does not exist, no search roots.
const isolated = (env: NodeJS.ProcessEnv = {}) => ({
  env: { XDG_DATA_DIRS: join(root, "none"), TF_CLI_CONFIG_FILE: join(root, "missing.tfrc"), ...env },
  home: emptyHome(),
  searchRoots: [] as string[],
  osArch: PLATFORM,
});

describe("providerVersionsIn", () => {
  test("reads unpacked and packed layouts for the platform, oldest first", () => {
    const dir = mirror("m", ["5.100.0", "5.9.0"]);
    mirror("m", ["6.0.0"], "darwin_arm64");
    writeFileSync(join(dir, AWS_PROVIDER, `terraform-provider-aws_5.200.1_${PLATFORM}.zip`), "");
    expect(providerVersionsIn(dir, PLATFORM)).toEqual(["5.9.0", "5.100.0", "5.200.1"]);
  });

  test("compareVersions orders numerically", () => {
    expect(compareVersions("5.100.0", "5.9.0")).toBeGreaterThan(0);
    expect(compareVersions("1.10.0", "1.10")).toBe(0);
    expect(compareVersions("1.9.8", "1.10")).toBeLessThan(0);
  });
});

describe("findProviderMirror", () => {
  test(`${MIRROR_ENV} wins, and says when it holds no provider`, () => {
    const chosen = mirror("chosen", ["5.1.0"]);
    const home = emptyHome();
    mirror("home/.terraform.d/plugins", ["5.100.0"]);
    expect(findProviderMirror({ ...isolated({ [MIRROR_ENV]: chosen }), home })).toEqual({ dir: chosen, version: "5.1.0", foundBy: MIRROR_ENV });
    const empty = join(root, "empty");
    expect(findProviderMirror(isolated({ [MIRROR_ENV]: empty }))).toEqual({ missing: expect.stringContaining(`${MIRROR_ENV}=${empty} holds no ${AWS_PROVIDER}`) });
  });

  test("finds Terraform's implied local mirror in the home directory", () => {
    const home = emptyHome();
    const dir = mirror("home/.terraform.d/plugins", ["5.100.0"]);
    expect(findProviderMirror({ ...isolated(), home })).toMatchObject({ dir, version: "5.100.0" });
  });

  test("reads filesystem_mirror and plugin_cache_dir of the CLI config; a missing config is no error", () => {
    const fsMirror = mirror("fs-mirror", ["5.50.0"]);
    const cache = mirror("cache", ["5.60.0"]);
    const config = join(root, "cli.tfrc");
    writeFileSync(config, `plugin_cache_dir = "${cache}"\nprovider_installation {\n  filesystem_mirror {\n    path = "${fsMirror}"\n  }\n  direct {}\n}\n`);
    expect(cliConfigMirrorDirs(config)).toEqual([fsMirror, cache]);
    expect(cliConfigMirrorDirs(join(root, "nope.tfrc"))).toEqual([]);
    expect(findProviderMirror(isolated({ TF_CLI_CONFIG_FILE: config }))).toMatchObject({ dir: cache, version: "5.60.0", foundBy: `Terraform CLI config ${config}` });
  });

  test("falls back to a shallow search of install roots", () => {
    const dir = mirror("opt/tf-plugins", ["5.100.0"]);
    expect(findProviderMirror({ ...isolated(), searchRoots: [join(root, "opt")] })).toEqual({ dir, version: "5.100.0", foundBy: `search of ${join(root, "opt")}` });
  });

  test("says why when there is none", () => {
    expect(findProviderMirror(isolated())).toEqual({ missing: expect.stringMatching(/no AWS provider for linux_amd64.*GLUE_TF_PROVIDER_MIRROR/) });
  });
});

describe("findTerraformTools", () => {
  const fakeTerraform = (version: string) => {
    const bin = join(root, "bin");
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, "terraform"), `#!/bin/sh\necho '{"terraform_version":"${version}"}'\n`);
    chmodSync(join(bin, "terraform"), 0o755);
    return bin;
  };

  test("needs terraform on PATH", () => {
    expect(findTerraformTools({ ...isolated({ PATH: join(root, "nothing") }) })).toEqual({ missing: expect.stringContaining("no terraform on PATH") });
  });

  test("needs Terraform >= 1.10", () => {
    const bin = fakeTerraform("1.9.8");
    expect(findTerraformTools(isolated({ PATH: bin }))).toEqual({ missing: expect.stringContaining("is Terraform 1.9.8; >= 1.10 is needed") });
  });

  test("returns terraform, its version and the provider", () => {
    const bin = fakeTerraform("1.11.4");
    const dir = mirror("mirror", ["5.100.0"]);
    expect(findTerraformTools(isolated({ PATH: bin, [MIRROR_ENV]: dir }))).toEqual({
      terraform: join(bin, "terraform"),
      terraformVersion: "1.11.4",
      provider: { dir, version: "5.100.0", foundBy: MIRROR_ENV },
    });
  });
});

describe("terraformEnv", () => {
  test("writes a CLI config that takes hashicorp/aws only from the mirror, with a shared plugin cache", () => {
    const tools = { terraform: "/bin/terraform", terraformVersion: "1.11.4", provider: { dir: "/mirror", version: "5.100.0", foundBy: "x" } };
    const env = terraformEnv(tools, root);
    expect(env).toEqual({
      TF_CLI_CONFIG_FILE: join(root, "terraform", "cli.tfrc"),
      TF_PLUGIN_CACHE_DIR: join(root, "terraform", "plugin-cache"),
      CHECKPOINT_DISABLE: "1",
      TF_IN_AUTOMATION: "1",
      TF_INPUT: "0",
    });
    const text = readFileSync(env.TF_CLI_CONFIG_FILE, "utf8");
    expect(text).toBe(cliConfigText("/mirror", env.TF_PLUGIN_CACHE_DIR));
    expect(text).toMatch(/filesystem_mirror \{\n {4}path {4}= "\/mirror"\n {4}include = \["registry.terraform.io\/hashicorp\/aws"\]/);
    expect(text).toMatch(/direct \{\n {4}exclude = \["registry.terraform.io\/hashicorp\/aws"\]/);
  });
});

describe("rewriteProviderPin", () => {
  test("rewrites the pin of the copy and says what it did; no change is undefined", () => {
    const stack = { terraform: { required_providers: { aws: { source: "aws", version: "6.25.0" } } }, resource: {} };
    writeFileSync(join(root, "cdk.tf.json"), JSON.stringify(stack));
    expect(rewriteProviderPin(root, "5.100.0")).toEqual({ file: join(root, "cdk.tf.json"), from: "6.25.0", to: "5.100.0" });
    expect(JSON.parse(readFileSync(join(root, "cdk.tf.json"), "utf8")).terraform.required_providers.aws).toEqual({ source: "aws", version: "5.100.0" });
    expect(rewriteProviderPin(root, "5.100.0")).toBeUndefined();
  });

  test("refuses a directory that was not synthesized", () => {
    expect(() => rewriteProviderPin(root, "5.100.0")).toThrow(/synthesize first/);
  });
});
