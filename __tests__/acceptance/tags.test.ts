import { tagCharacters } from "../../stacks/acceptance/rules/tag-characters";
import { tagCount } from "../../stacks/acceptance/rules/tag-count";
import { tagKeysReserved } from "../../stacks/acceptance/rules/tag-keys-reserved";
import { tagLengths } from "../../stacks/acceptance/rules/tag-lengths";
import { runOne } from "./fixtures";

const tagsOfSize = (n: number, prefix = "t") => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, "v"]));

describe("tag-count", () => {
  test("counts the provider's default_tags with the resource's own: 51 is refused, 11 on an S3 object too", () => {
    const providers = [{ tags: tagsOfSize(40, "default") }];
    const findings = runOne(tagCount, { aws_glue_job: { j: { name: "dev-A", tags: tagsOfSize(11) } }, aws_s3_object: { o: { key: "k" } } }, providers);
    expect(findings.map((f) => `${f.address}: ${f.message}`)).toEqual([
      "aws_glue_job.j: 51 tags (default_tags of aws included); aws_glue_job allows 50",
      "aws_s3_object.o: 40 tags (default_tags of aws included); aws_s3_object allows 10",
    ]);
  });

  test("counts a key set in both places once, and ignores resources that take no tags", () => {
    const providers = [{ tags: { ...tagsOfSize(9), shared: "default" } }];
    expect(runOne(tagCount, { aws_s3_object: { o: { key: "k", tags: { shared: "own" } } }, aws_iam_role_policy: { p: { name: "p" } } }, providers)).toEqual([]);
    expect(runOne(tagCount, { aws_iam_role_policy: { p: { name: "p" } } }, [{ tags: tagsOfSize(60) }])).toEqual([]);
  });
});

describe("tag-keys-reserved", () => {
  test("refuses tag keys beginning with aws:, in any case, also through default_tags", () => {
    const findings = runOne(tagKeysReserved, { aws_iam_role: { r: { name: "r", tags: { "AWS:team": "x" } } } }, [{ tags: { "aws:owner": "y" } }]);
    expect(findings.map((f) => f.message)).toEqual(['tag key "aws:owner" begins with the reserved aws: prefix', 'tag key "AWS:team" begins with the reserved aws: prefix']);
  });

  test("accepts other prefixes and aws: inside a key", () => {
    expect(runOne(tagKeysReserved, { aws_iam_role: { r: { name: "r", tags: { "team:aws:x": "aws:y", awsome: "z" } } } })).toEqual([]);
  });
});

describe("tag-characters", () => {
  test("refuses characters outside letters, digits, spaces and _ . : / = + - @", () => {
    const findings = runOne(tagCharacters, { aws_kms_key: { k: { tags: { "cost#center": "1", owner: "a&b" } } } });
    expect(findings.map((f) => f.message)).toEqual([
      'tag key "cost#center" has characters AWS refuses in tags',
      'tag value "a&b" (of "owner") has characters AWS refuses in tags',
    ]);
  });

  test("accepts letters of any script, digits, spaces and the allowed punctuation", () => {
    expect(runOne(tagCharacters, { aws_kms_key: { k: { tags: { "équipe/données": "Zoë O+Brien-@ 42 = ok:_." } } } })).toEqual([]);
  });
});

describe("tag-lengths", () => {
  test("refuses keys over 128 and values over 256, and on CodeBuild over 127 and 255", () => {
    const findings = runOne(tagLengths, {
      aws_iam_role: { r: { name: "r", tags: { ["k".repeat(129)]: "v", long: "v".repeat(257) } } },
      aws_codebuild_project: { p: { name: "p", tags: { ["k".repeat(128)]: "v", long: "v".repeat(256) } } },
    });
    expect(findings.map((f) => `${f.address}: ${f.message.replace(/"k+(\.\.\.)?"/, '"k…"')}`)).toEqual([
      'aws_iam_role.r: tag key "k…" is 129 characters; aws_iam_role allows 1 to 128',
      'aws_iam_role.r: the value of tag "long" is 257 characters; aws_iam_role allows 256',
      'aws_codebuild_project.p: tag key "k…" is 128 characters; aws_codebuild_project allows 1 to 127',
      'aws_codebuild_project.p: the value of tag "long" is 256 characters; aws_codebuild_project allows 255',
    ]);
  });

  test("accepts tags at their limits", () => {
    expect(
      runOne(tagLengths, {
        aws_iam_role: { r: { name: "r", tags: { ["k".repeat(128)]: "v".repeat(256) } } },
        aws_codebuild_project: { p: { name: "p", tags: { ["k".repeat(127)]: "v".repeat(255) } } },
      }),
    ).toEqual([]);
  });
});
