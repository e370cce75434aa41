/**
 * Terraform and its AWS provider, found without the Terraform registry.
 *
 *   const tools = findTerraformTools();
 *   if ("missing" in tools) skip(tools.missing);
 *   const env = terraformEnv(tools, workDir);          // CLI config with the mirror, plugin cache, no prompts
 *   const change = rewriteProviderPin(stackDir, tools.provider.version);
 *
 * The provider comes from a filesystem mirror (the layout `registry.terraform.io/hashicorp/aws/<version>/<os_arch>/`,
 * or its packed zips; a plugin cache has the same layout). Where it is, in this order:
 * 1. `GLUE_TF_PROVIDER_MIRROR`, a mirror's root directory;
 * 2. the implied local mirror directories Terraform itself searches;
 * 3. the `filesystem_mirror` paths and `plugin_cache_dir` of the user's Terraform CLI config
 *    (`TF_CLI_CONFIG_FILE`, else ~/.terraformrc; a missing file is no error);
 * 4. a shallow search of common install roots (/opt, /usr/local, /usr/share, /srv, the home directory).
 * The newest version found wins.
 */
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";

export const MIRROR_ENV = "GLUE_TF_PROVIDER_MIRROR";
export const AWS_PROVIDER = "registry.terraform.io/hashicorp/aws";
export const MIN_TERRAFORM = [1, 10] as const;

export interface ProviderMirror {
  /** Root of the filesystem mirror (it holds registry.terraform.io/...) */
  readonly dir: string;
  /** AWS provider version it holds, e.g. 5.100.0 */
  readonly version: string;
  /** How it was found, e.g. "GLUE_TF_PROVIDER_MIRROR" or "search of /opt" */
  readonly foundBy: string;
}

export interface TerraformTools {
  readonly terraform: string;
  readonly terraformVersion: string;
  readonly provider: ProviderMirror;
}

export interface FindOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly home?: string;
  /** @default /opt, /usr/local, /usr/share, /srv and the home directory */
  readonly searchRoots?: readonly string[];
  /** @default the platform Terraform runs on, e.g. linux_amd64 */
  readonly osArch?: string;
  /** Skip running `terraform version` (tests) */
  readonly terraformVersion?: (binary: string) => string | undefined;
}

export function osArch(platform: string = process.platform, arch: string = process.arch): string {
  const archName = arch === "x64" ? "amd64" : arch === "ia32" ? "386" : arch;
  return `${platform}_${archName}`;
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function listDir(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((p) => Number.parseInt(p, 10) || 0);
  const pb = b.split(/[.-]/).map((p) => Number.parseInt(p, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** AWS provider versions a mirror root holds for this platform, unpacked or packed. */
export function providerVersionsIn(root: string, platform: string): string[] {
  const base = join(root, AWS_PROVIDER);
  const versions = new Set<string>();
  for (const entry of listDir(base)) {
    if (/^\d+\.\d+\.\d+/.test(entry) && isDir(join(base, entry, platform))) versions.add(entry);
    const packed = new RegExp(`^terraform-provider-aws_(\\d+\\.\\d+\\.\\d+[^_]*)_${platform}\\.zip$`).exec(entry);
    if (packed) versions.add(packed[1]);
  }
  return [...versions].sort(compareVersions);
}

/** The implied local mirror directories of Terraform on Unix (CLI configuration docs). */
export function impliedMirrorDirs(env: NodeJS.ProcessEnv, home: string): string[] {
  const dataDirs = (env.XDG_DATA_DIRS || "/usr/local/share:/usr/share").split(":").filter(Boolean);
  const dataHome = env.XDG_DATA_HOME || join(home, ".local", "share");
  return [join(process.cwd(), "terraform.d", "plugins"), join(home, ".terraform.d", "plugins"), join(dataHome, "terraform", "plugins"), ...dataDirs.map((d) => join(d, "terraform", "plugins"))];
}

/** filesystem_mirror paths and plugin_cache_dir of a Terraform CLI config file; [] if it is missing. */
export function cliConfigMirrorDirs(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return [];
  }
  const dirs: string[] = [];
  for (const match of text.matchAll(/filesystem_mirror\s*\{[^}]*?path\s*=\s*"([^"]+)"/g)) dirs.push(match[1]);
  for (const match of text.matchAll(/plugin_cache_dir\s*=\s*"([^"]+)"/g)) dirs.push(match[1]);
  return dirs;
}

/** Directories up to `depth` levels under root that hold registry.terraform.io/hashicorp/aws. */
export function searchMirrorRoots(root: string, depth = 3): string[] {
  const found: string[] = [];
  const walk = (dir: string, level: number) => {
    if (isDir(join(dir, AWS_PROVIDER))) found.push(dir);
    if (level >= depth) return;
    for (const entry of listDir(dir)) {
      if (entry.startsWith(".") && level > 0) continue;
      if (entry === "node_modules" || entry === "proc" || entry === "sys") continue;
      const child = join(dir, entry);
      if (isDir(child)) walk(child, level + 1);
    }
  };
  walk(root, 0);
  return found;
}

/** The newest AWS provider found, or why none was. */
export function findProviderMirror(options: FindOptions = {}): ProviderMirror | { missing: string } {
  const env = options.env ?? process.env;
  const home = options.home ?? homedir();
  const platform = options.osArch ?? osArch();
  const pick = (dir: string, foundBy: string): ProviderMirror | undefined => {
    const version = providerVersionsIn(dir, platform).at(-1);
    return version ? { dir, version, foundBy } : undefined;
  };

  const configured = env[MIRROR_ENV];
  if (configured) {
    return pick(configured, MIRROR_ENV) ?? { missing: `${MIRROR_ENV}=${configured} holds no ${AWS_PROVIDER} for ${platform}` };
  }
  const candidates: ProviderMirror[] = [];
  for (const dir of impliedMirrorDirs(env, home)) {
    const found = pick(dir, "Terraform's implied local mirror");
    if (found) candidates.push(found);
  }
  const cliConfig = env.TF_CLI_CONFIG_FILE || join(home, ".terraformrc");
  for (const dir of cliConfigMirrorDirs(cliConfig)) {
    const found = pick(dir, `Terraform CLI config ${cliConfig}`);
    if (found) candidates.push(found);
  }
  if (candidates.length === 0) {
    for (const root of options.searchRoots ?? ["/opt", "/usr/local", "/usr/share", "/srv", home]) {
      for (const dir of searchMirrorRoots(root)) {
        const found = pick(dir, `search of ${root}`);
        if (found) candidates.push(found);
      }
    }
  }
  const best = candidates.sort((a, b) => compareVersions(a.version, b.version)).at(-1);
  return (
    best ?? {
      missing: `no AWS provider for ${platform}: the Terraform registry is not used, and no filesystem mirror or plugin cache holds ${AWS_PROVIDER}; set ${MIRROR_ENV} to a mirror's root`,
    }
  );
}

/** The first executable `terraform` on PATH. */
export function terraformOnPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, "terraform");
    try {
      accessSync(candidate, constants.X_OK);
      if (!isDir(candidate)) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

function runTerraformVersion(binary: string): string | undefined {
  const result = spawnSync(binary, ["version", "-json"], { encoding: "utf8", timeout: 30_000, env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
  try {
    return (JSON.parse(result.stdout) as { terraform_version?: string }).terraform_version;
  } catch {
    return undefined;
  }
}

export function findTerraformTools(options: FindOptions = {}): TerraformTools | { missing: string } {
  const terraform = terraformOnPath(options.env ?? process.env);
  if (!terraform) return { missing: "no terraform on PATH (Terraform >= 1.10 is needed)" };
  const terraformVersion = (options.terraformVersion ?? runTerraformVersion)(terraform);
  if (!terraformVersion) return { missing: `${terraform} did not report its version` };
  if (compareVersions(terraformVersion, MIN_TERRAFORM.join(".")) < 0) {
    return { missing: `${terraform} is Terraform ${terraformVersion}; >= ${MIN_TERRAFORM.join(".")} is needed` };
  }
  const provider = findProviderMirror(options);
  if ("missing" in provider) return provider;
  return { terraform, terraformVersion, provider };
}

/** A Terraform CLI config that installs hashicorp/aws only from the mirror. */
export function cliConfigText(mirrorDir: string, pluginCacheDir: string): string {
  return [
    "provider_installation {",
    "  filesystem_mirror {",
    `    path    = ${JSON.stringify(mirrorDir)}`,
    `    include = [${JSON.stringify(AWS_PROVIDER)}]`,
    "  }",
    "  direct {",
    `    exclude = [${JSON.stringify(AWS_PROVIDER)}]`,
    "  }",
    "}",
    `plugin_cache_dir = ${JSON.stringify(pluginCacheDir)}`,
    "",
  ].join("\n");
}

/**
 * Writes `<workDir>/terraform/cli.tfrc` and returns the environment every terraform run of the
 * rehearsal uses: that config, one plugin cache shared by the stacks, no prompts, no checkpoint calls.
 */
export function terraformEnv(tools: TerraformTools, workDir: string): Record<string, string> {
  const dir = join(workDir, "terraform");
  const cache = join(dir, "plugin-cache");
  mkdirSync(cache, { recursive: true });
  const config = join(dir, "cli.tfrc");
  writeFileSync(config, cliConfigText(tools.provider.dir, cache));
  return { TF_CLI_CONFIG_FILE: config, TF_PLUGIN_CACHE_DIR: cache, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_INPUT: "0" };
}

export interface PinChange {
  readonly file: string;
  readonly from: string;
  readonly to: string;
}

/**
 * Sets the AWS provider's version constraint of a synthesized stack (its cdk.tf.json) to `version`.
 * For the rehearsal's own copy only. Returns what changed, or undefined if it already was.
 */
export function rewriteProviderPin(stackDir: string, version: string): PinChange | undefined {
  const file = join(stackDir, "cdk.tf.json");
  if (!existsSync(file)) throw new Error(`rewriteProviderPin: ${file} does not exist; synthesize first`);
  const json = JSON.parse(readFileSync(file, "utf8")) as { terraform?: { required_providers?: Record<string, { version?: string }> } };
  const aws = json.terraform?.required_providers?.aws;
  if (!aws) throw new Error(`rewriteProviderPin: ${file} requires no aws provider`);
  const from = aws.version ?? "(none)";
  if (from === version) return undefined;
  aws.version = version;
  writeFileSync(file, JSON.stringify(json, null, 2));
  return { file, from, to: version };
}
