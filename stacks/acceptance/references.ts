/** Terraform interpolations inside synthesized strings: `${aws_kms_key.key_1234.arn}`. */

/** `${...}` not escaped as `$${...}`. Expressions here never hold a `}` of their own. */
const INTERPOLATION = /(?<!\$)\$\{([^}]*)\}/g;
const RESOURCE_ATTRIBUTE = /^([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)\.([a-z0-9_]+)$/;

export interface Interpolation {
  /** The whole `${...}` text. */
  readonly text: string;
  /** What is inside the braces. */
  readonly expression: string;
}

export function interpolationsIn(value: string): Interpolation[] {
  return [...value.matchAll(INTERPOLATION)].map((m) => ({ text: m[0], expression: m[1] }));
}

/** `aws_kms_key.key_1234.arn` as its parts; undefined for anything else (data sources, functions, ...). */
export function resourceAttribute(expression: string): { type: string; id: string; attribute: string } | undefined {
  const match = RESOURCE_ATTRIBUTE.exec(expression.trim());
  if (!match || match[1] === "data" || match[1] === "var" || match[1] === "local") return undefined;
  return { type: match[1], id: match[2], attribute: match[3] };
}

/** `value` with each interpolation replaced by what `replace` returns for its expression. */
export function replaceInterpolations(value: string, replace: (expression: string, text: string) => string): string {
  return value.replace(INTERPOLATION, (text, expression: string) => replace(expression, text));
}
