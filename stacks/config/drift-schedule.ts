/**
 * The drift check's schedule, as EventBridge takes it: `rate(N minute|minutes|hour|hours|day|days)` (the
 * unit singular for 1, plural otherwise) or the six-field AWS `cron(...)`, in UTC.
 */
import { scheduleProblem } from "./schedule";

const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;

/** Why `expression` is not an EventBridge schedule, or undefined. */
export function driftScheduleProblem(expression: string): string | undefined {
  const rate = RATE.exec(expression);
  if (rate) {
    const count = Number(rate[1]);
    const unit = rate[2].replace(/s$/, "");
    if (count < 1) return "a rate is at least 1";
    if ((count === 1) !== !rate[2].endsWith("s")) return `EventBridge writes the unit singular for 1 and plural otherwise: rate(1 ${unit}), rate(2 ${unit}s)`;
    return undefined;
  }
  if (expression.startsWith("rate(")) return "a rate is rate(N minutes|hours|days), for example rate(1 day)";
  const problem = scheduleProblem(expression);
  // Glue's five-minute floor is not EventBridge's; every other cron rule is the same.
  if (!problem || problem.includes("fires a schedule at most every")) return undefined;
  const detail = /^found [^:]*?: (.*?); expected /.exec(problem)?.[1];
  return detail ?? "it is neither rate(...) nor a six-field cron(Minutes Hours Day-of-month Month Day-of-week Year)";
}
