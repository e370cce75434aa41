/**
 * A stage's start schedule, as a Glue trigger takes it: `cron(Minutes Hours Day-of-month Month
 * Day-of-week Year)` in UTC (the six-field AWS cron, fired no more often than every 5 minutes). Glue
 * takes no `rate(...)`: one is named and the equivalent cron given.
 */

/** What Glue fires at most: "Cron expressions that lead to rates faster than 5 minutes are not supported." */
export const MIN_SCHEDULE_MINUTES = 5;
export const SCHEDULE_EXAMPLE = "cron(0 6 * * ? *)";
const EXPECTED = `expected cron(Minutes Hours Day-of-month Month Day-of-week Year) in UTC, for example ${SCHEDULE_EXAMPLE} (every day at 06:00)`;

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const WEEKDAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Names that stand for 1, 2, … (months, weekdays). */
  readonly names?: readonly string[];
  /** Day-of-month and Day-of-week: `?`, and their own `L`, `W` and `#` forms. */
  readonly day?: "month" | "week";
}

const FIELDS: readonly CronField[] = [
  { name: "Minutes", min: 0, max: 59 },
  { name: "Hours", min: 0, max: 23 },
  { name: "Day-of-month", min: 1, max: 31, day: "month" },
  { name: "Month", min: 1, max: 12, names: MONTHS },
  { name: "Day-of-week", min: 1, max: 7, names: WEEKDAYS, day: "week" },
  { name: "Year", min: 1970, max: 2199 },
];

/** Why `expression` is not a schedule Glue takes, or undefined. The message says what was found and what is expected. */
export function scheduleProblem(expression: string): string | undefined {
  const rate = /^rate\((\d+) (minutes?|hours?|days?)\)$/.exec(expression);
  if (rate) {
    return `found ${expression}; Glue triggers take cron() only, not rate(): write ${cronForRate(Number(rate[1]), rate[2])} instead`;
  }
  const cron = /^cron\((.*)\)$/.exec(expression);
  if (!cron) return `found "${expression}"; ${EXPECTED}`;
  const parts = cron[1].trim().split(/\s+/);
  if (parts.length !== FIELDS.length) {
    return `found ${expression} with ${parts.length} field${parts.length === 1 ? "" : "s"}; ${EXPECTED}`;
  }
  for (const [i, field] of FIELDS.entries()) {
    const problem = fieldProblem(parts[i], field);
    if (problem) return `found ${expression}: ${field.name} "${parts[i]}" ${problem}; ${EXPECTED}`;
  }
  const [dayOfMonth, dayOfWeek] = [parts[2], parts[4]];
  if ((dayOfMonth === "?") === (dayOfWeek === "?")) {
    return `found ${expression}: exactly one of Day-of-month and Day-of-week must be ? (a value or * in one needs ? in the other); ${EXPECTED}`;
  }
  const gap = shortestGapMinutes(parts[0], parts[1]);
  if (gap < MIN_SCHEDULE_MINUTES) {
    return `found ${expression}, which fires ${gap === 1 ? "every minute" : `${gap} minutes apart`}; Glue fires a schedule at most every ${MIN_SCHEDULE_MINUTES} minutes: ${EXPECTED}`;
  }
  return undefined;
}

function cronForRate(count: number, unit: string): string {
  if (unit.startsWith("minute")) return `cron(0/${count} * * * ? *)`;
  if (unit.startsWith("hour")) return `cron(0 0/${count} * * ? *)`;
  return count === 1 ? "cron(0 0 * * ? *)" : `cron(0 0 1/${count} * ? *)`;
}

/** What is wrong with one field, or undefined. */
function fieldProblem(text: string, field: CronField): string | undefined {
  if (text === "?") return field.day ? undefined : "may not be ? (only Day-of-month and Day-of-week may)";
  for (const item of text.split(",")) {
    const problem = itemProblem(item, field);
    if (problem) return problem;
  }
  return undefined;
}

function itemProblem(item: string, field: CronField): string | undefined {
  const range = `${field.min}-${field.max}${field.names ? ` or ${field.names[0]}-${field.names[field.names.length - 1]}` : ""}`;
  if (field.day === "month" && /^(L|LW|\d{1,2}W)$/.test(item)) {
    return item.endsWith("W") && item !== "LW" && !inRange(Number(item.slice(0, -1)), field) ? `is not a day ${range}` : undefined;
  }
  if (field.day === "week") {
    const special = /^(\w+)(L|#([1-5]))$/.exec(item);
    if (item === "L") return undefined;
    if (special) return valueOf(special[1], field) === undefined ? `names no weekday ${range}` : undefined;
  }
  const [base, step, extra] = item.split("/");
  if (extra !== undefined) return "has more than one /";
  if (step !== undefined && !/^\d+$/.test(step)) return `has the step "${step}", which is not a whole number`;
  if (step !== undefined && Number(step) === 0) return "has the step 0";
  if (base === "*") return undefined;
  const [from, to, more] = base.split("-");
  if (more !== undefined) return "has more than one -";
  for (const end of to === undefined ? [from] : [from, to]) {
    if (valueOf(end, field) === undefined) return `holds "${end}", which is not ${range}`;
  }
  if (to !== undefined && valueOf(from, field)! > valueOf(to, field)!) return `holds the range ${base}, which runs backwards`;
  return undefined;
}

function valueOf(text: string, field: CronField): number | undefined {
  const named = field.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return named + 1;
  if (!/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return inRange(value, field) ? value : undefined;
}

function inRange(value: number, field: CronField): boolean {
  return Number.isInteger(value) && value >= field.min && value <= field.max;
}

/** The values a Minutes or Hours field (no L, W or #) fires at, in order. */
function expand(text: string, field: CronField): number[] {
  const values = new Set<number>();
  for (const item of text.split(",")) {
    const [base, step] = item.split("/");
    const [from, to] = base === "*" ? [field.min, field.max] : base.split("-").map(Number);
    const last = to ?? (step === undefined ? from : field.max);
    for (let v = from; v <= last; v += step === undefined ? 1 : Number(step)) values.add(v);
  }
  return [...values].sort((a, b) => a - b);
}

/** The shortest time between two firings within an hour, and across the hour when two hours in a row fire. */
function shortestGapMinutes(minutesText: string, hoursText: string): number {
  const minutes = expand(minutesText, FIELDS[0]);
  const hours = new Set(expand(hoursText, FIELDS[1]));
  let gap = Infinity;
  for (let i = 1; i < minutes.length; i++) gap = Math.min(gap, minutes[i] - minutes[i - 1]);
  const consecutiveHours = [...hours].some((h) => hours.has((h + 1) % 24));
  if (consecutiveHours) gap = Math.min(gap, 60 - minutes[minutes.length - 1] + minutes[0]);
  return gap;
}

/** The years whose firings are averaged: four in a row, one of them a leap year. */
const AVERAGED_YEARS = [2027, 2028, 2029, 2030];

/**
 * How often a valid schedule fires in an average month (its firings over AVERAGED_YEARS / 48), for
 * the data plan's cost per month. Day-of-month L, LW and nW, and Day-of-week nL and n#k, as AWS cron
 * reads them (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#cron-based).
 */
export function averageRunsPerMonth(expression: string): number {
  const parts = /^cron\((.*)\)$/.exec(expression)![1].trim().split(/\s+/);
  const perDay = expand(parts[0], FIELDS[0]).length * expand(parts[1], FIELDS[1]).length;
  const months = namedValues(parts[3], FIELDS[3]);
  const years = parts[5] === "*" ? undefined : namedValues(parts[5], FIELDS[5]);
  let days = 0;
  for (const year of AVERAGED_YEARS) {
    if (years && !years.has(year)) continue;
    for (let month = 1; month <= 12; month++) {
      if (!months.has(month)) continue;
      const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
      for (let day = 1; day <= length; day++) {
        const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
        if (dayMatches(parts[2], parts[4], { day, length, weekday, year, month })) days++;
      }
    }
  }
  return (days * perDay) / (AVERAGED_YEARS.length * 12);
}

interface Day {
  readonly day: number;
  readonly length: number;
  /** 1 = Sunday … 7 = Saturday, as AWS cron numbers them. */
  readonly weekday: number;
  readonly year: number;
  readonly month: number;
}

function dayMatches(dayOfMonth: string, dayOfWeek: string, d: Day): boolean {
  if (dayOfMonth !== "?") return dayOfMonth.split(",").some((item) => monthDayMatches(item, d));
  return dayOfWeek.split(",").some((item) => weekDayMatches(item, d));
}

function monthDayMatches(item: string, d: Day): boolean {
  if (item === "*") return true;
  if (item === "L") return d.day === d.length;
  if (item === "LW") return d.day === nearestWeekday(d.length, d);
  if (/^\d{1,2}W$/.test(item)) return d.day === nearestWeekday(Math.min(Number(item.slice(0, -1)), d.length), d);
  return namedValues(item, FIELDS[2]).has(d.day);
}

/** The weekday nearest to `target` within its month (Saturday to Friday, Sunday to Monday). */
function nearestWeekday(target: number, d: Day): number {
  const weekday = new Date(Date.UTC(d.year, d.month - 1, target)).getUTCDay();
  if (weekday === 6) return target === 1 ? 3 : target - 1;
  if (weekday === 0) return target === d.length ? target - 2 : target + 1;
  return target;
}

function weekDayMatches(item: string, d: Day): boolean {
  if (item === "*") return true;
  if (item === "L") return d.weekday === 7;
  const last = /^(\w+)L$/.exec(item);
  if (last) return d.weekday === valueOf(last[1], FIELDS[4]) && d.day + 7 > d.length;
  const nth = /^(\w+)#([1-5])$/.exec(item);
  if (nth) return d.weekday === valueOf(nth[1], FIELDS[4]) && Math.ceil(d.day / 7) === Number(nth[2]);
  return namedValues(item, FIELDS[4]).has(d.weekday);
}

/** The values of a field's list, ranges and steps, names (JAN, MON) read as numbers. */
function namedValues(text: string, field: CronField): Set<number> {
  const values = new Set<number>();
  for (const item of text.split(",")) {
    const [base, step] = item.split("/");
    const [from, to] = base === "*" ? [field.min, field.max] : base.split("-").map((v) => valueOf(v, field)!);
    const last = to ?? (step === undefined ? from : field.max);
    for (let v = from; v <= last; v += step === undefined ? 1 : Number(step)) values.add(v);
  }
  return values;
}
