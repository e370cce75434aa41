/** S3's general-purpose bucket naming rules: 3-63 characters, DNS-compatible, reserved prefixes and suffixes. */
import { findingAt, shown } from "../finding";
import type { AcceptanceRule, Finding } from "../types";

const ID = "s3-bucket-names";
const RESERVED_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"];
const RESERVED_SUFFIXES = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

/** Every rule the name breaks. */
export function bucketNameProblems(name: string): string[] {
  const problems: string[] = [];
  if (name.length < 3 || name.length > 63) problems.push(`is ${name.length} characters; S3 allows 3 to 63`);
  if (!/^[a-z0-9.-]*$/.test(name)) problems.push("may hold only lower-case letters, digits, . and -");
  if (!/^[a-z0-9].*[a-z0-9]$|^[a-z0-9]$/.test(name)) problems.push("must begin and end with a letter or digit");
  if (name.includes("..")) problems.push("must not hold two periods in a row");
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) problems.push("must not look like an IP address");
  for (const prefix of RESERVED_PREFIXES) if (name.startsWith(prefix)) problems.push(`must not begin with the reserved ${prefix}`);
  for (const suffix of RESERVED_SUFFIXES) if (name.endsWith(suffix)) problems.push(`must not end with the reserved ${suffix}`);
  return problems;
}

export const s3BucketNames: AcceptanceRule = {
  id: ID,
  description: "S3 bucket names are 3-63 characters, DNS-compatible, and avoid reserved prefixes and suffixes",
  check: (app) => {
    const findings: Finding[] = [];
    for (const resource of app.resources.filter((r) => r.type === "aws_s3_bucket")) {
      const name = resource.block.bucket;
      if (typeof name !== "string" || name.includes("${")) continue;
      for (const problem of bucketNameProblems(name)) {
        findings.push(findingAt(ID, resource, `bucket ${shown(name)} ${problem}`, "name the bucket with lower-case letters, digits and -, e.g. <team>-glue-<account>-<region>"));
      }
    }
    return findings;
  },
};
