/**
 * A small SVG of time against input size, on log-log axes, one series per job: the measured points,
 * the fitted line (time ∝ input^k), and a dotted line of slope 1 through the first point, so a job
 * growing faster than linear shows as a line steeper than its dotted one.
 */
import type { ScalingFit } from "./scaling-fit";
import { predictSeconds } from "./scaling-fit";

export interface ChartSeries {
  readonly job: string;
  readonly points: readonly { readonly bytes: number; readonly seconds: number }[];
  readonly fit?: ScalingFit;
}

const WIDTH = 560;
const HEIGHT = 340;
const MARGIN = { left: 60, right: 150, top: 30, bottom: 45 };
const COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"];

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function scalingChart(series: readonly ChartSeries[]): string {
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) throw new Error("a chart needs at least one measured point");
  const MiB = 2 ** 20;
  const lx = all.map((p) => Math.log10(p.bytes / MiB));
  const ly = all.map((p) => Math.log10(p.seconds));
  const [x0, x1] = [Math.floor(Math.min(...lx)), Math.ceil(Math.max(...lx) + 1e-9)];
  const [y0, y1] = [Math.floor(Math.min(...ly)), Math.ceil(Math.max(...ly) + 1e-9)];
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const sx = (bytes: number) => MARGIN.left + ((Math.log10(bytes / MiB) - x0) / Math.max(1, x1 - x0)) * plotW;
  const sy = (seconds: number) => MARGIN.top + plotH - ((Math.log10(seconds) - y0) / Math.max(1, y1 - y0)) * plotH;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="11">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${MARGIN.left}" y="18" font-size="13">Wall time against input size (log-log), local Spark</text>`,
  ];
  for (let e = x0; e <= Math.max(x1, x0 + 1); e++) {
    const x = sx(10 ** e * MiB);
    parts.push(`<line x1="${x.toFixed(1)}" y1="${MARGIN.top}" x2="${x.toFixed(1)}" y2="${MARGIN.top + plotH}" stroke="#eee"/>`);
    parts.push(`<text x="${x.toFixed(1)}" y="${MARGIN.top + plotH + 15}" text-anchor="middle">${10 ** e} MiB</text>`);
  }
  for (let e = y0; e <= Math.max(y1, y0 + 1); e++) {
    const y = sy(10 ** e);
    parts.push(`<line x1="${MARGIN.left}" y1="${y.toFixed(1)}" x2="${MARGIN.left + plotW}" y2="${y.toFixed(1)}" stroke="#eee"/>`);
    parts.push(`<text x="${MARGIN.left - 6}" y="${(y + 4).toFixed(1)}" text-anchor="end">${10 ** e} s</text>`);
  }
  parts.push(`<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`);
  parts.push(`<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 8}" text-anchor="middle">input (JSON lines)</text>`);
  series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length];
    const xs = s.points.map((p) => p.bytes);
    const [lo, hi] = [Math.min(...xs), Math.max(...xs)];
    if (s.fit) {
      parts.push(line(sx(lo), sy(predictSeconds(s.fit, lo)), sx(hi), sy(predictSeconds(s.fit, hi)), colour, ""));
      const first = s.points[0];
      parts.push(line(sx(lo), sy(first.seconds * (lo / first.bytes)), sx(hi), sy(first.seconds * (hi / first.bytes)), colour, ` stroke-dasharray="2,3" opacity="0.6"`));
    }
    for (const p of s.points) parts.push(`<circle cx="${sx(p.bytes).toFixed(1)}" cy="${sy(p.seconds).toFixed(1)}" r="3.5" fill="${colour}"/>`);
    const label = s.fit ? `${s.job}: k = ${s.fit.exponent.toFixed(2)}` : s.job;
    parts.push(`<text x="${MARGIN.left + plotW + 10}" y="${MARGIN.top + 14 + i * 16}" fill="${colour}">${escape(label)}</text>`);
  });
  const legendY = MARGIN.top + 14 + series.length * 16 + 8;
  parts.push(`<text x="${MARGIN.left + plotW + 10}" y="${legendY}" fill="#555">line: fit</text>`);
  parts.push(`<text x="${MARGIN.left + plotW + 10}" y="${legendY + 14}" fill="#555">dotted: linear</text>`);
  parts.push("</svg>");
  return parts.join("\n") + "\n";
}

function line(x1: number, y1: number, x2: number, y2: number, colour: string, extra: string): string {
  return `<line x1="${x1.toFixed(1)}" y1="${y1.toFixed(1)}" x2="${x2.toFixed(1)}" y2="${y2.toFixed(1)}" stroke="${colour}" stroke-width="1.5"${extra}/>`;
}
