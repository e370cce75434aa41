/** Indexes the synthesized JSON of every stack once: resources with their provider, and policies. */
import { policiesOf } from "./policy-documents";
import { awsProvidersOf, providerOf } from "./providers";
import type { ResourceRef, StackJson, SynthesizedApp } from "./types";

export function synthesizedApp(stacks: Readonly<Record<string, StackJson>>): SynthesizedApp {
  const resources: ResourceRef[] = [];
  for (const [stack, json] of Object.entries(stacks)) {
    const providers = awsProvidersOf(json);
    for (const [type, byId] of Object.entries((json.resource ?? {}) as Record<string, Record<string, any>>)) {
      for (const [id, block] of Object.entries(byId)) {
        if (!block || typeof block !== "object") continue;
        resources.push({ stack, type, id, address: `${type}.${id}`, block, provider: providerOf(block, providers) });
      }
    }
  }
  return {
    stacks,
    resources,
    byAddress: new Map(resources.map((r) => [`${r.stack} ${r.address}`, r])),
    policies: policiesOf(resources),
  };
}
