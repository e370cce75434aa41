/** A problem with what the user gave (a file, a variable, an argument): its message is complete, shown as is, never with a stack trace. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}

/** A config problem, told as `file:line: key.path: what is wrong and how to fix it`. */
export class ConfigError extends InputError {
  constructor(
    readonly file: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(
      `Invalid config ${file}:\n` +
        problems.map((p) => `  - ${p.line ? `line ${p.line}: ` : ""}${p.path || "(top level)"}: ${p.message}`).join("\n"),
    );
    this.name = "ConfigError";
  }
}

export interface ConfigProblem {
  /** Dotted key path, e.g. `stages.dev.jobs.MyJob.workerType`. */
  readonly path: string;
  readonly message: string;
  readonly line?: number;
}

export function keyPath(path: readonly PropertyKey[]): string {
  return path.map(String).join(".");
}
