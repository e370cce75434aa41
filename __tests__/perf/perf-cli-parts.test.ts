/** npm run perf's command line, what it tells the Python side, and its chart. */
import * as path from "path";
import { loadConfig } from "../../stacks/config";
import { UsageError } from "../../local-run/local-run-args";
import { parsePerfArgs, parseScales } from "../../perf/perf-args";
import { perfSpec } from "../../perf/perf-spec";
import { scalingChart } from "../../perf/scaling-chart";
import { fitScaling } from "../../perf/scaling-fit";
import { chainConfig, SUMMARY_SCRIPT } from "../helpers/chain-config";
import { writeTempProject } from "../../testkit/temp-project";

const PROJECT = "/project";

describe("the command line", () => {
  test("defaults: scales 1, 4, 16, 1000 copies per step, the dev stage, the work folder and chart under perf/.work", () => {
    expect(parsePerfArgs(["--job", "JoinLegislators"], PROJECT, "/cwd")).toEqual({
      job: "JoinLegislators",
      stage: "dev",
      scales: [1, 4, 16],
      copiesPerScale: 1000,
      seed: 20261203,
      workDir: "/project/perf/.work",
      jsonFile: undefined,
      svgFile: "/project/perf/.work/JoinLegislators/scaling.svg",
      updateBaseline: false,
    });
  });

  test("given paths resolve against the working directory", () => {
    const options = parsePerfArgs(["--job", "J", "--scale", "1,4,16,64", "--json", "out.json", "--work-dir", "w", "--copies", "10", "--update-baseline"], PROJECT, "/cwd");
    expect(options).toMatchObject({ scales: [1, 4, 16, 64], jsonFile: "/cwd/out.json", workDir: "/cwd/w", svgFile: "/cwd/w/J/scaling.svg", copiesPerScale: 10, updateBaseline: true });
  });

  test.each([
    [[], /name the job to measure: --job JoinLegislators/],
    [["--job", "J", "--copies", "0"], /--copies "0" is not a whole number of at least 1/],
    [["--job", "J", "--scales", "1"], /Unknown option '--scales'.*--help/],
  ])("%j is refused", (argv, message) => {
    expect(() => parsePerfArgs(argv, PROJECT, "/cwd")).toThrow(message);
  });

  test.each(["1,,4", "0,1", "1.5", "4,1", "2,2", "a"])("--scale %j is refused with an example", (text) => {
    expect(() => parseScales(text)).toThrow(UsageError);
    expect(() => parseScales(text)).toThrow(/for example --scale 1,4,16/);
  });
});

describe("the spec of the Python side", () => {
  const config = loadConfig(writeTempProject(chainConfig(), [SUMMARY_SCRIPT]));
  const options = parsePerfArgs(["--job", "JoinLegislators", "--scale", "1,4"], PROJECT, "/cwd") as Exclude<ReturnType<typeof parsePerfArgs>, "help">;

  test("each scale's inputs and outputs are npm run job's mapping onto that scale's folders", () => {
    const spec = perfSpec(config.stages.dev.jobs.JoinLegislators, options, "/samples");
    expect(spec.inputs).toContainEqual({ name: "input_path_persons", sample: "/samples/awsglue-datasets/examples/us-legislators/all/persons.json" });
    expect(spec.scales.map((s) => [s.scale, s.copies])).toEqual([
      [1, 1000],
      [4, 4000],
    ]);
    const four = spec.scales[1];
    const data = path.join("/project/perf/.work/JoinLegislators/scale-4/data");
    expect(four.inputs.input_path_persons).toBe(`${data}/awsglue-datasets/examples/us-legislators/all/persons.json`);
    expect(four.args).toEqual(expect.arrayContaining(["--JOB_NAME", "dev-JoinLegislators", "--input_path_persons", four.inputs.input_path_persons, "--output_path_table", "dev_glue.legislators_history"]));
    expect(four.outputs.output_path).toMatch(/^\/project\/perf\/.work\/JoinLegislators\/scale-4\/output\/dev-glue-\d+-eu-west-1\/output\/join_legislators\/$/);
  });

  test("a job reading another job's table is refused, naming what to measure instead", () => {
    expect(() => perfSpec(config.stages.dev.jobs.SummarizeLegislators, options, "/samples")).toThrow(/reads the table input history, which another job writes.*npm run perf -- --job <writer>/);
  });
});

test("the chart has a point per scale, the fit, the linear reference and the exponent per job", () => {
  const points = [1, 4, 16].map((s) => ({ bytes: s * 1e7, seconds: 5 * s ** 0.8 }));
  const svg = scalingChart([{ job: "JoinLegislators", points, fit: fitScaling(points) }, { job: "Other", points: [{ bytes: 2e7, seconds: 3 }] }]);
  expect(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")).toBe(true);
  expect(svg.match(/<circle /g)).toHaveLength(4);
  expect(svg).toContain("JoinLegislators: k = 0.80");
  expect(svg).toContain('stroke-dasharray="2,3"');
  expect(svg).toContain(">Other</text>");
});
