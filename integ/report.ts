import { mkdir, writeFile } from "node:fs/promises";
import { dirname, extname } from "node:path";
import { formatJUnitXml } from "./junit-xml";
import type { IntegReport } from "./types";

/** The JSON report: the IntegReport itself, with a format version for readers. */
export function formatJsonReport(report: IntegReport): string {
  return `${JSON.stringify({ reportVersion: 1, ...report }, null, 2)}\n`;
}

/** Writes the report, as JUnit XML for `.xml` and as JSON for `.json`. */
export async function writeReport(path: string, report: IntegReport): Promise<void> {
  const extension = extname(path).toLowerCase();
  if (extension !== ".json" && extension !== ".xml") {
    throw new Error(`report file must end in .json or .xml, got "${path}"`);
  }
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, extension === ".xml" ? formatJUnitXml(report) : formatJsonReport(report), "utf8");
}
