/**
 * The successor framework that `npm run check:cdktn` tries: CDK Terrain, the community fork of CDKTF,
 * pinned exactly. Its packages keep CDKTF's API and rename the packages, so the switch rewrites the seam's
 * module names (stacks/cdktf.ts) and package.json's dependencies, and nothing else.
 * Sources: https://www.npmjs.com/package/cdktn, https://www.npmjs.com/package/@cdktn/provider-aws.
 */
import { SEAM_FILE } from "./framework-imports";

/** What the fork installs in place of cdktf's packages. cdktn 0.24 wants constructs >= 10.6 and < 10.8. */
export const FORK_PACKAGES: Readonly<Record<string, string>> = {
  cdktn: "0.24.0",
  "@cdktn/provider-aws": "25.7.0",
  constructs: "10.7.2",
};

/** The packages of the cdktf build that the fork replaces (package.json dependencies). */
export const REPLACED_PACKAGES = ["cdktf", "@cdktf/provider-aws", "constructs"] as const;

/** Module name in the seam → the fork's. The provider keeps its `lib/<resource>` layout. */
const RENAMES: readonly [RegExp, string][] = [
  [/^cdktf$/, "cdktn"],
  [/^@cdktf\/provider-aws(\/.*)?$/, "@cdktn/provider-aws$1"],
];

/** The seam's text with every framework module name (and string naming one) moved to the fork's. */
export function forkSeam(text: string): string {
  const forked = text.replace(/"([^"\n]*)"/g, (quoted, name: string) => {
    const rename = RENAMES.find(([from]) => from.test(name));
    return rename ? JSON.stringify(name.replace(rename[0], rename[1])) : quoted;
  });
  const left = /"(cdktf|@cdktf\/[^"]*)"/.exec(forked);
  if (left) throw new Error(`${SEAM_FILE}: the fork has no counterpart for "${left[1]}"; add one to RENAMES in check-cdktn/fork.ts`);
  return forked;
}

/**
 * package.json for the fork's copy: the runtime dependencies with the framework's replaced by the fork's,
 * and no devDependencies (synth needs none but tsx, which runs from the project).
 */
export function forkPackageJson(packageJson: Record<string, any>): Record<string, any> {
  const dependencies: Record<string, string> = { ...packageJson.dependencies };
  for (const name of REPLACED_PACKAGES) delete dependencies[name];
  return { ...packageJson, dependencies: { ...dependencies, ...FORK_PACKAGES }, devDependencies: {} };
}
