/**
 * The units a job's capacity is written in: sizes ("40 GB", "1.5 TiB") and durations ("15m", "1h30m").
 * GB, TB... are powers of 1000 and GiB, TiB... powers of 1024, as the SI and IEC define them.
 */

const SIZE_UNITS: Readonly<Record<string, number>> = {
  B: 1,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
  PB: 1e15,
  KIB: 2 ** 10,
  MIB: 2 ** 20,
  GIB: 2 ** 30,
  TIB: 2 ** 40,
  PIB: 2 ** 50,
};
const SIZE = /^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]+)\s*$/;

/** Bytes of a size such as "40 GB", or a message saying what is wrong. */
export function parseSize(text: string): number | { readonly problem: string } {
  const match = SIZE.exec(text);
  const unit = match ? SIZE_UNITS[match[2].toUpperCase()] : undefined;
  if (!match || unit === undefined) return { problem: "write a number and a unit: B, KB, MB, GB, TB, PB (powers of 1000) or KiB, MiB, GiB, TiB, PiB (powers of 1024)" };
  const bytes = Number(match[1]) * unit;
  if (bytes <= 0) return { problem: "a volume is more than nothing" };
  return bytes;
}

const DURATION_UNITS: Readonly<Record<string, number>> = { d: 86400, h: 3600, m: 60, s: 1 };
const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/** Seconds of a duration such as "15m", "1h30m" or "90s", or a message saying what is wrong. */
export function parseDuration(text: string): number | { readonly problem: string } {
  const match = DURATION.exec(text.trim());
  if (!match || text.trim() === "") return { problem: "write whole numbers of d, h, m and s in that order, such as 15m, 1h30m or 90s" };
  const seconds = ["d", "h", "m", "s"].reduce((sum, unit, i) => sum + Number(match[i + 1] ?? 0) * DURATION_UNITS[unit], 0);
  if (seconds <= 0) return { problem: "a duration is longer than nothing" };
  return seconds;
}
