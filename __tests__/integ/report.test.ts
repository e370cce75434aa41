import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatJsonReport, writeReport } from "./report";
import { mixedReport } from "./report-fixtures";

describe("writeReport", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "integ-report-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes JSON for .json, creating the folder", async () => {
    const path = join(dir, "nested", "report.json");
    await writeReport(path, mixedReport);
    const written = JSON.parse(await readFile(path, "utf8"));
    expect(written).toEqual({ reportVersion: 1, ...mixedReport });
    expect(await readFile(path, "utf8")).toBe(formatJsonReport(mixedReport));
  });

  it("writes JUnit XML for .xml", async () => {
    const path = join(dir, "report.XML");
    await writeReport(path, mixedReport);
    expect(await readFile(path, "utf8")).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
  });

  it("refuses any other extension", async () => {
    await expect(writeReport(join(dir, "report.txt"), mixedReport)).rejects.toThrow("must end in .json or .xml");
  });
});
