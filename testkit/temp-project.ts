/** Builds throwaway config files (and the job scripts they name) for tests. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";

/** A complete, valid config as plain data; tests change a copy of it. */
export function baseConfig(): Record<string, any> {
  return {
    pipelineAccount: { awsAccountId: "111111111111", awsRegion: "eu-west-1" },
    devAccount: { awsAccountId: "222222222222", awsRegion: "eu-west-1" },
    prodAccount: { awsAccountId: "333333333333", awsRegion: "eu-central-1" },
    backend: { type: "cloud", organization: "acme", project: "glue" },
    source: { type: "codecommit", repositoryName: "glue-repo", branch: "main" },
    jobScriptsDir: "job_scripts",
    pythonLibraries: ["shared_lib"],
    jobs: {
      ProcessLegislators: {
        script: "process_legislators.py",
        inputs: { input_path: "s3://awsglue-datasets/examples/us-legislators/all/persons.json" },
        outputs: { output_path: "s3://{stageBucket}/output/process_legislators/" },
      },
      JoinLegislators: {
        script: "join_legislators.py",
        inputs: {
          input_path_orgs: "s3://awsglue-datasets/examples/us-legislators/all/organizations.json",
          input_path_persons: "s3://awsglue-datasets/examples/us-legislators/all/persons.json",
          input_path_memberships: "s3://awsglue-datasets/examples/us-legislators/all/memberships.json",
        },
        outputs: { output_path: "s3://{stageBucket}/output/join_legislators/" },
      },
    },
    stages: { dev: { jobs: {} }, prod: { jobs: { JoinLegislators: { numberOfWorkers: 4 } } } },
  };
}

const SCRIPTS = ["process_legislators.py", "join_legislators.py"];

/**
 * Writes `config` (an object, or raw text) to a fresh directory next to a job_scripts/ folder holding
 * the two standard scripts, any `extraScripts`, and a one-module shared library. Returns the config path.
 */
export function writeTempProject(config: Record<string, any> | string, extraScripts: string[] = []): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "glue-cdktf-test-"));
  const scriptsDir = path.join(dir, "job_scripts");
  fs.mkdirSync(path.join(scriptsDir, "shared_lib"), { recursive: true });
  for (const script of [...SCRIPTS, ...extraScripts]) {
    fs.writeFileSync(path.join(scriptsDir, script), `# ${script}\nprint("${script}")\n`);
  }
  fs.writeFileSync(path.join(scriptsDir, "shared_lib", "__init__.py"), "def double(x):\n    return 2 * x\n");
  const file = path.join(dir, "config.yaml");
  fs.writeFileSync(file, typeof config === "string" ? config : stringify(config));
  return file;
}
