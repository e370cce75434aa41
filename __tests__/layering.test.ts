/**
 * Dependencies point one way: the tools (rehearsal, integ, review, scan, local-run, bench, testkit)
 * import stacks/, stacks/ imports no tool, and nothing but a test imports __tests__/. No cycles.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_DIR } from "../stacks/config";
import { importGraph, layeringProblems } from "./helpers/import-graph";

function writeProject(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "glue-layering-"));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

describe("the project's import graph", () => {
  const graph = importGraph(PROJECT_DIR);

  it("is read: TypeScript and Python imports both appear in it", () => {
    expect(graph.edges.get("review/diff-cli.ts")).toContain("stacks/config/index.ts");
    expect(graph.edges.get("main.ts")).toContain("stacks/app-stacks.ts");
    expect(graph.edges.get("rehearsal/emulator/moto_launcher.py")).toContain("rehearsal/emulator/moto_patches/__init__.py");
    expect(graph.edges.get("job_scripts/join_legislators.py")).toContain("job_scripts/legislators/transforms.py");
    expect(graph.edges.get("job_scripts/glue_runtime/entrypoint.py")).toContain("job_scripts/glue_runtime/job_args.py");
  });

  it("has no import against the layering and no cycle", () => {
    expect(layeringProblems(graph)).toEqual([]);
  });
});

describe("layeringProblems", () => {
  it("names each wrong import, test path and cycle of a project built to break every rule", () => {
    const dir = writeProject({
      "main.ts": 'import { a } from "./stacks/config/a";\n',
      // stacks/config and stacks/pipeline import each other: a cycle of files and of folders
      "stacks/config/a.ts": 'import { b } from "../pipeline/b";\nexport const a = b;\n',
      "stacks/pipeline/b.ts": 'import type { A } from "../config/a";\nexport const b = 1;\n',
      // stacks/ reaching into a tool, through a re-export and a require
      "stacks/names.ts": 'export { summary } from "../review/summary";\nconst main = require("../main");\n',
      // a tool leaning on the tests
      "review/summary.ts": "export const summary = 1;\n",
      "scan/report.ts": 'import { fixture } from "../__tests__/helpers/fixture";\nexport const report = fixture;\n',
      "bench/run.ts": 'import { spawnSync } from "child_process";\nspawnSync("node", ["__tests__/rehearsal/cli.ts"]);\n',
      // two tools importing each other's files, without a cycle of files
      "rehearsal/steps.ts": 'import { plan } from "../review/plan";\nexport const steps = plan;\n',
      "review/plan.ts": "export const plan = 1;\n",
      "review/uses-rehearsal.ts": 'import { steps } from "../rehearsal/steps";\nexport const x = steps;\n',
      // what tests may do
      "__tests__/helpers/fixture.ts": 'export const fixture = "__tests__/fixtures/plan.json";\n',
      "__tests__/summary.test.ts": 'import { summary } from "../review/summary";\nimport { a } from "../stacks/config/a";\n',
      // Python: the shared runtime importing a job's package, and a cycle between modules
      "job_scripts/glue_runtime/__init__.py": "",
      "job_scripts/glue_runtime/entrypoint.py": "from legislators import transforms\n",
      "job_scripts/legislators/__init__.py": "",
      "job_scripts/legislators/transforms.py": "from glue_runtime.entrypoint import run\n",
      "rehearsal/emulator/moto_support/__init__.py": "",
      "rehearsal/emulator/moto_support/one.py": "from moto_support import two\n",
      "rehearsal/emulator/moto_support/two.py": "from .one import (\n    ONE,\n)\n",
    });
    expect(layeringProblems(importGraph(dir)).sort()).toEqual(
      [
        "stacks/names.ts imports review/summary.ts: stacks/ imports no tool, test or main.ts",
        "stacks/names.ts imports main.ts: stacks/ imports no tool, test or main.ts",
        "scan/report.ts imports __tests__/helpers/fixture.ts: only tests import __tests__/",
        'bench/run.ts names "__tests__/rehearsal/cli.ts": only tests use paths under __tests__/',
        "job_scripts/glue_runtime/entrypoint.py imports job_scripts/legislators/transforms.py: glue_runtime ships with every job and imports no job's package",
        "import cycle between files: job_scripts/glue_runtime/entrypoint.py -> job_scripts/legislators/transforms.py",
        "import cycle between files: rehearsal/emulator/moto_support/one.py -> rehearsal/emulator/moto_support/two.py",
        "import cycle between files: stacks/config/a.ts -> stacks/pipeline/b.ts",
        "import cycle between folders: stacks/config/ -> stacks/pipeline/",
        "import cycle between folders: rehearsal/ -> review/",
      ].sort(),
    );
  });

  it("finds nothing in a project that keeps the layering", () => {
    const dir = writeProject({
      "main.ts": 'import { app } from "./stacks/app";\n',
      "stacks/app.ts": 'import { NAME } from "./names";\nexport const app = NAME;\n',
      "stacks/names.ts": 'export const NAME = "glue";\n',
      "review/cli.ts": 'import { NAME } from "../stacks/names";\nexport const cli = NAME;\n',
      "__tests__/cli.test.ts": 'import { cli } from "../review/cli";\nconst path = "__tests__/fixtures/x.json";\n',
      "job_scripts/glue_runtime/__init__.py": "",
      "job_scripts/glue_runtime/entrypoint.py": "from .job_args import parse\n",
      "job_scripts/glue_runtime/job_args.py": "import json\n",
    });
    const graph = importGraph(dir);
    expect(graph.edges.get("review/cli.ts")).toEqual(new Set(["stacks/names.ts"]));
    expect(graph.edges.get("job_scripts/glue_runtime/entrypoint.py")).toEqual(new Set(["job_scripts/glue_runtime/job_args.py"]));
    expect(layeringProblems(graph)).toEqual([]);
  });
});
