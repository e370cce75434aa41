/** Builds a finding at a resource. */
import type { Finding } from "./types";

export function findingAt(rule: string, where: { stack: string; address: string }, message: string, fix: string): Finding {
  return { rule, stack: where.stack, address: where.address, message, fix };
}

/** A value as it appears in a message: quoted, and cut short when long. */
export function shown(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return JSON.stringify(text.length > 120 ? `${text.slice(0, 117)}...` : text);
}
