import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { formatJsonReport, writeReport } from "../../integ/report";
import { mixedReport } from "./report-fixtures";
import { useTempDir } from "./temp-dir";

describe("writeReport", () => {
  const tempDir = useTempDir("integ-report-");

  it("writes JSON for .json, creating the folder", async () => {
    const path = join(tempDir(), "nested", "report.json");
    await writeReport(path, mixedReport);
    const written = JSON.parse(await readFile(path, "utf8"));
    expect(written).toEqual({ reportVersion: 1, ...mixedReport });
    expect(await readFile(path, "utf8")).toBe(formatJsonReport(mixedReport));
  });

  it("writes JUnit XML for .xml", async () => {
    const path = join(tempDir(), "report.XML");
    await writeReport(path, mixedReport);
    expect(await readFile(path, "utf8")).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
  });

  it("refuses any other extension", async () => {
    await expect(writeReport(join(tempDir(), "report.txt"), mixedReport)).rejects.toThrow("must end in .json or .xml");
  });
});
