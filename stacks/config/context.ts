/** The config file named in cdktf's context: `{"config": "FILE"}` in CDKTF_CONTEXT_JSON, which the cdktf CLI passes on. */
import { InputError } from "./config-error";
import { describeFound } from "./messages";

export const CONTEXT_VARIABLE = "CDKTF_CONTEXT_JSON";
const EXAMPLE = `${CONTEXT_VARIABLE}='{"config": "configs/team-a.yaml"}'`;

/**
 * The `config` key of the context, if any. cdktf's App parses the same variable and would fail with a
 * stack trace on bad JSON, so it is checked here first.
 */
export function configFileFromContext(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const text = env[CONTEXT_VARIABLE];
  if (text === undefined || text.trim() === "") return undefined;
  let context: unknown;
  try {
    context = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${CONTEXT_VARIABLE} is not valid JSON (${(error as Error).message}); expected an object, for example ${EXAMPLE}, or unset it`);
  }
  if (context === null || typeof context !== "object" || Array.isArray(context)) {
    throw new InputError(`${CONTEXT_VARIABLE} holds ${context === null ? "null" : describeFound(context)}; expected a JSON object, for example ${EXAMPLE}, or unset it`);
  }
  const config = (context as Record<string, unknown>).config;
  if (config === undefined) return undefined;
  if (typeof config !== "string" || config.trim() === "") {
    throw new InputError(`${CONTEXT_VARIABLE}: "config" holds ${describeFound(config)}; expected the path of a config file, for example ${EXAMPLE}`);
  }
  return config;
}
