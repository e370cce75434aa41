/** The IAM action catalog the project pins, read once per test file; a missing one fails, saying `run npm run setup`. */
import * as path from "path";
import { type ActionCatalog, loadActionCatalog } from "../../stacks/acceptance/action-catalog";

let catalog: ActionCatalog | undefined;

export function projectActionCatalog(): ActionCatalog {
  catalog ??= loadActionCatalog(path.resolve(__dirname, "..", "..", ".venv-scan"));
  return catalog;
}
