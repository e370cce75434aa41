import { escapeXml, formatJUnitXml } from "../../integ/junit-xml";
import { mixedReport, noJobsReport } from "./report-fixtures";

describe("formatJUnitXml", () => {
  it("writes one testcase per job, with a failure for each failed job", () => {
    const xml = formatJUnitXml(mixedReport);
    expect(xml).toContain('<testsuite name="glue-integ-dev" tests="2" failures="1" errors="0" time="150.500"');
    expect(xml).toContain('<testcase classname="glue-integ-dev" name="ProcessLegislators" time="95">');
    expect(xml).toContain('<system-out>run jr_a1, state SUCCEEDED</system-out>');
    expect(xml).toContain(
      '<failure message="ended FAILED: &quot;x&quot; &lt; 1 &amp; y" type="FAILED">run jr_b2, state FAILED</failure>',
    );
    expect(xml.match(/<testcase /g)).toHaveLength(2);
  });

  it("turns a test that ran nothing into one erroring testcase, so it cannot read as a pass", () => {
    const xml = formatJUnitXml(noJobsReport);
    expect(xml).toContain('tests="1" failures="0" errors="1"');
    expect(xml).toContain('<error message="no Glue job is tagged stack_name=dev-glue"/>');
  });
});

describe("escapeXml", () => {
  it("escapes the five XML special characters", () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;");
  });
});
