/** The AWS providers of a stack: which account and region each resource lands in, and its default tags. */
import { partitionOf } from "../constants/aws-regions";
import type { ProviderInfo, StackJson } from "./types";

/** The stack's AWS providers by the key a resource names them with: `aws` or `aws.<alias>`. */
export function awsProvidersOf(stack: StackJson): Map<string, ProviderInfo> {
  const providers = new Map<string, ProviderInfo>();
  for (const block of (stack.provider?.aws ?? []) as Record<string, any>[]) {
    const key = block.alias ? `aws.${block.alias}` : "aws";
    const accounts = Array.isArray(block.allowed_account_ids) ? block.allowed_account_ids : [];
    const region = typeof block.region === "string" ? block.region : undefined;
    const defaultTags = Object.assign({}, ...((block.default_tags ?? []) as Record<string, any>[]).map((d) => d.tags ?? {}));
    providers.set(key, {
      key,
      accountId: accounts.length === 1 ? String(accounts[0]) : undefined,
      region,
      partition: partitionOf(region ?? ""),
      defaultTags,
    });
  }
  return providers;
}

const UNKNOWN: ProviderInfo = { key: "aws", partition: "aws", defaultTags: {} };

/** The provider a resource block is created through (its `provider` attribute, else the default one). */
export function providerOf(block: Record<string, any>, providers: Map<string, ProviderInfo>): ProviderInfo {
  const key = typeof block.provider === "string" ? block.provider.replace(/^\$\{(.*)\}$/, "$1") : "aws";
  return providers.get(key) ?? { ...UNKNOWN, key };
}
