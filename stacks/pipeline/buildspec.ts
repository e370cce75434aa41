/**
 * The one builder of CodeBuild buildspecs: a buildspec is data (runtimes, variables, commands, artifacts,
 * reports, cache), turned into YAML once, here.
 */
import { stringify } from "yaml";

export interface BuildSpecArtifacts {
  /** Globs of the files to keep, relative to the source directory. */
  readonly files: readonly string[];
  /** Globs left out of `files`. @default none */
  readonly excludePaths?: readonly string[];
}

export interface BuildSpecProps {
  /** Runtimes for the install phase, e.g. `{ nodejs: "20" }`. */
  readonly runtimes: Readonly<Record<string, string>>;
  /** Plain environment variables. @default none */
  readonly variables?: Readonly<Record<string, string>>;
  /** Variables read from Secrets Manager as the build starts: variable name to secret name. @default none */
  readonly secrets?: Readonly<Record<string, string>>;
  /** Install-phase commands, after the runtimes. @default none */
  readonly install?: readonly string[];
  /** Build-phase commands; the build fails at the first that fails. */
  readonly build: readonly string[];
  /** Commands run after the build phase whether it passed or failed (`CODEBUILD_BUILD_SUCCEEDING` says which). @default none */
  readonly postBuild?: readonly string[];
  /** Variables whose values at the end of the build the pipeline may read through the action's namespace. @default none */
  readonly exportedVariables?: readonly string[];
  /** Output artifact. @default none */
  readonly artifacts?: BuildSpecArtifacts;
  /** JUnit XML report files, by report group ARN. @default none */
  readonly junitReports?: Readonly<Record<string, readonly string[]>>;
  /** Directories kept between builds (the project's cache). @default none */
  readonly cachePaths?: readonly string[];
}

/** Terraform reads these inside the project's buildspec string as its own interpolation. */
const TERRAFORM_TEMPLATE = /[$%]\{/;

/** The buildspec as YAML: validates the props, builds the object, serialises it once. */
export function buildSpec(props: BuildSpecProps): string {
  validate(props);
  const spec = {
    version: "0.2",
    env: {
      shell: "bash",
      variables: nonEmpty(props.variables),
      "secrets-manager": nonEmpty(props.secrets),
      "exported-variables": nonEmpty(props.exportedVariables),
    },
    phases: {
      install: { "runtime-versions": props.runtimes, commands: nonEmpty(props.install) },
      build: { commands: props.build },
      post_build: props.postBuild?.length ? { commands: props.postBuild } : undefined,
    },
    reports: props.junitReports
      ? Object.fromEntries(
          Object.entries(props.junitReports).map(([group, files]) => [group, { files, "file-format": "JUNITXML" }]),
        )
      : undefined,
    artifacts: props.artifacts
      ? { files: props.artifacts.files, "exclude-paths": nonEmpty(props.artifacts.excludePaths) }
      : undefined,
    cache: props.cachePaths?.length ? { paths: props.cachePaths } : undefined,
  };
  // lineWidth 0: long commands stay on one line, as written.
  return stringify(spec, { lineWidth: 0 });
}

function validate(props: BuildSpecProps): void {
  if (props.build.length === 0) {
    throw new Error("buildSpec: `build` needs at least one command; a project that runs nothing is a mistake");
  }
  const texts = [
    ...(props.install ?? []),
    ...props.build,
    ...(props.postBuild ?? []),
    ...Object.values(props.variables ?? {}),
    ...Object.values(props.secrets ?? {}),
  ];
  for (const text of texts) {
    if (TERRAFORM_TEMPLATE.test(text)) {
      throw new Error(
        `buildSpec: "${text}" contains "\${" or "%{", which Terraform would read as its own template syntax; ` +
          "write shell variables as $NAME instead of ${NAME}",
      );
    }
  }
  for (const name of [...Object.keys(props.variables ?? {}), ...Object.keys(props.secrets ?? {}), ...(props.exportedVariables ?? [])]) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      throw new Error(`buildSpec: "${name}" is not a shell variable name; use letters, digits and _`);
    }
  }
}

/** Leaves empty lists and maps out of the YAML. */
function nonEmpty<T extends object>(value: T | undefined): T | undefined {
  if (value === undefined) return undefined;
  return Object.keys(value).length > 0 ? value : undefined;
}
