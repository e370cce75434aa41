import { scheduleProblem } from "../stacks/config/schedule";

describe("scheduleProblem: the six-field AWS cron a Glue trigger takes", () => {
  test.each([
    "cron(0 6 * * ? *)",
    "cron(15 12 * * ? *)",
    "cron(0/5 * * * ? *)",
    "cron(0,30 8-18 ? * MON-FRI *)",
    "cron(0 0 L * ? *)",
    "cron(0 9 15W * ? 2026-2030)",
    "cron(0 9 ? JAN,JUL 2#1 *)",
    "cron(0 9 ? * 6L *)",
    "cron(10 */2 1/3 * ? *)",
    "cron(55 23 ? * sun *)",
  ])("accepts %s", (expression) => {
    expect(scheduleProblem(expression)).toBeUndefined();
  });

  test.each([
    ["rate(1 day)", /Glue triggers take cron\(\) only, not rate\(\): write cron\(0 0 \* \* \? \*\) instead/],
    ["rate(15 minutes)", /write cron\(0\/15 \* \* \* \? \*\) instead/],
    ["rate(2 hours)", /write cron\(0 0\/2 \* \* \? \*\) instead/],
    ["0 6 * * ? *", /found "0 6 \* \* \? \*"; expected cron\(Minutes Hours Day-of-month Month Day-of-week Year\) in UTC, for example cron\(0 6 \* \* \? \*\)/],
    ["cron(0 6 * * ?)", /with 5 fields; expected cron\(Minutes Hours/],
    ["cron(0 6 * * * ? *)", /with 7 fields/],
    ["cron(60 6 * * ? *)", /Minutes "60" holds "60", which is not 0-59/],
    ["cron(0 24 * * ? *)", /Hours "24" holds "24", which is not 0-23/],
    ["cron(0 6 0 * ? *)", /Day-of-month "0" holds "0", which is not 1-31/],
    ["cron(0 6 * 13 ? *)", /Month "13" holds "13", which is not 1-12 or JAN-DEC/],
    ["cron(0 6 ? * 8 *)", /Day-of-week "8" holds "8", which is not 1-7 or SUN-SAT/],
    ["cron(0 6 * * ? 1969)", /Year "1969" holds "1969", which is not 1970-2199/],
    ["cron(0 6 * * ? FOO)", /Year "FOO"/],
    ["cron(? 6 * * ? *)", /Minutes "\?" may not be \? \(only Day-of-month and Day-of-week may\)/],
    ["cron(0/0 6 * * ? *)", /has the step 0/],
    ["cron(50-10 6 * * ? *)", /Minutes "50-10" holds the range 50-10, which runs backwards/],
    ["cron(0 6 ? * FRI-MON *)", /Day-of-week "FRI-MON" holds the range FRI-MON, which runs backwards/],
    ["cron(0/x 6 * * ? *)", /has the step "x", which is not a whole number/],
    ["cron(0 6 * * * *)", /exactly one of Day-of-month and Day-of-week must be \?/],
    ["cron(0 6 ? * ? *)", /exactly one of Day-of-month and Day-of-week must be \?/],
    ["cron(* * * * ? *)", /fires every minute; Glue fires a schedule at most every 5 minutes/],
    ["cron(0/2 * * * ? *)", /fires 2 minutes apart/],
    ["cron(0,58 * * * ? *)", /fires 2 minutes apart/],
  ])("refuses %s", (expression, message) => {
    expect(scheduleProblem(expression)).toMatch(message);
  });

  test("two firings across an hour count only when the next hour fires too", () => {
    expect(scheduleProblem("cron(0,58 6 * * ? *)")).toBeUndefined();
    expect(scheduleProblem("cron(0,58 6,7 * * ? *)")).toMatch(/2 minutes apart/);
    expect(scheduleProblem("cron(0,58 23,0 * * ? *)")).toMatch(/2 minutes apart/);
  });
});
