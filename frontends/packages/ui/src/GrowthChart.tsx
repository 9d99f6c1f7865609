import { useCallback, useId, useRef, useState } from "react";
import { flushSync } from "react-dom";

import { cx } from "./cx";

export interface GrowthPoint {
  /** When the animal was weighed (ISO date-time or date). */
  at: string;
  grams: number;
}

const DAY_MS = 86_400_000;
const MARGIN = { top: 16, right: 20, bottom: 32, left: 52 };

/** Round, readable tick values covering [min, max]: 0, 50, 100… or 0, 2.5, 5… */
export function niceTicks(min: number, max: number, count = 4): number[] {
  if (!(max > min)) {
    const step = max > 0 ? niceStep(max / count) : 1;
    return [0, step * count].filter((v, i, all) => all.indexOf(v) === i);
  }
  const step = niceStep((max - min) / count);
  const start = Math.floor(min / step) * step;
  const ticks: number[] = [];
  for (let value = start; value < max + step * 0.999; value += step) {
    ticks.push(Number(value.toFixed(6)));
  }
  return ticks;
}

function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

export function formatGrams(grams: number): string {
  if (grams >= 1000) return `${(grams / 1000).toLocaleString("en", { maximumFractionDigits: 2 })} kg`;
  return `${grams.toLocaleString("en", { maximumFractionDigits: 1 })} g`;
}

function formatDay(time: number, withYear: boolean): string {
  return new Date(time).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "short",
    ...(withYear ? { year: "numeric" } : {}),
    timeZone: "UTC",
  });
}

/** The whole chart in one sentence, for screen readers and for the caption. */
export function growthSummary(points: readonly GrowthPoint[]): string {
  const sorted = sortPoints(points);
  if (!sorted.length) return "No weights recorded yet.";
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  if (sorted.length === 1) {
    return `One weighing: ${formatGrams(first.grams)} on ${formatDay(first.time, true)}.`;
  }
  const change = last.grams - first.grams;
  const direction = change > 0 ? `up ${formatGrams(change)}` : change < 0 ? `down ${formatGrams(-change)}` : "unchanged";
  return (
    `${sorted.length} weighings from ${formatDay(first.time, true)} to ${formatDay(last.time, true)}: ` +
    `${formatGrams(first.grams)} to ${formatGrams(last.grams)} (${direction}).`
  );
}

interface TimedPoint extends GrowthPoint {
  time: number;
}

function sortPoints(points: readonly GrowthPoint[]): TimedPoint[] {
  return points
    .map((point) => ({ ...point, time: Date.parse(point.at) }))
    .filter((point) => Number.isFinite(point.time) && Number.isFinite(point.grams))
    .sort((a, b) => a.time - b.time);
}

/** Date ticks from the first weighing to the last, evenly spaced, never two on one day. */
export function timeTicks(start: number, end: number, count: number): number[] {
  if (end - start < DAY_MS) return [start];
  const intervals = Math.max(1, Math.min(count, Math.floor((end - start) / DAY_MS)));
  return Array.from({ length: intervals + 1 }, (_, index) => start + ((end - start) * index) / intervals);
}

/**
 * Follow the width of the element, so the chart fills a phone or a desktop column. A callback
 * ref, so whichever element is there (the chart may start empty) is the one measured.
 */
function useWidth<T extends HTMLElement>(fallback: number) {
  const [width, setWidth] = useState(fallback);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback((element: T | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!element) return;
    if (element.clientWidth) setWidth(element.clientWidth);
    if (typeof ResizeObserver === "undefined") return;
    observer.current = new ResizeObserver((entries) => {
      const next = Math.round(entries[0]?.contentRect.width ?? 0);
      // Redrawn before the browser paints, so a resized chart never shows a stretched frame.
      if (next > 0) flushSync(() => setWidth(next));
    });
    observer.current.observe(element);
  }, []);
  return [ref, width] as const;
}

/**
 * Weight over time as a small SVG line chart, with axis labels, the same data as a table for
 * anyone who prefers (or needs) it, and a one-line summary that screen readers announce.
 */
export function GrowthChart({
  points,
  title = "Weight over time",
  height = 220,
  className,
}: {
  points: readonly GrowthPoint[];
  title?: string;
  height?: number;
  className?: string;
}) {
  const [ref, width] = useWidth<HTMLElement>(600);
  const captionId = useId();
  const sorted = sortPoints(points);
  const summary = growthSummary(points);

  if (!sorted.length) {
    return (
      <figure ref={ref} className={cx("m-0", className)}>
        <figcaption className="text-sm font-semibold">{title}</figcaption>
        <p className="mt-2 rounded-xl border border-dashed border-stone-300 px-4 py-6 text-center text-sm text-stone-600 dark:border-stone-700 dark:text-stone-400">
          {summary} Log a weight to start the growth chart.
        </p>
      </figure>
    );
  }

  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  // A single weighing still gets a day either side so the dot sits in the middle.
  const start = sorted.length > 1 ? first.time : first.time - DAY_MS;
  const end = sorted.length > 1 ? last.time : last.time + DAY_MS;
  const maxGrams = Math.max(...sorted.map((point) => point.grams));
  const yTicks = niceTicks(0, maxGrams, 4);
  const yMax = yTicks[yTicks.length - 1]! || 1;
  const innerWidth = Math.max(width - MARGIN.left - MARGIN.right, 40);
  const innerHeight = height - MARGIN.top - MARGIN.bottom;
  const x = (time: number) => MARGIN.left + ((time - start) / (end - start)) * innerWidth;
  const y = (grams: number) => MARGIN.top + innerHeight - (grams / yMax) * innerHeight;
  const withYear = new Date(start).getUTCFullYear() !== new Date(end).getUTCFullYear();
  const xTicks = timeTicks(start, end, Math.max(1, Math.floor(innerWidth / 100)));
  const path = sorted.map((point, index) => `${index ? "L" : "M"}${x(point.time).toFixed(1)},${y(point.grams).toFixed(1)}`).join(" ");

  return (
    <figure ref={ref} className={cx("m-0", className)}>
      <figcaption id={captionId} className="text-sm font-semibold">
        {title}
        <span className="mt-0.5 block text-xs font-normal text-stone-600 dark:text-stone-400">{summary}</span>
      </figcaption>
      <div className="mt-2 w-full">
        <svg
          role="img"
          aria-labelledby={captionId}
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          // Scales with its box until the next measurement redraws it at the new width.
          className="block h-auto w-full overflow-visible text-stone-600 dark:text-stone-400"
        >
          <g aria-hidden="true">
            {yTicks.map((tick) => (
              <g key={`y${tick}`}>
                <line
                  x1={MARGIN.left}
                  x2={MARGIN.left + innerWidth}
                  y1={y(tick)}
                  y2={y(tick)}
                  className="stroke-stone-200 dark:stroke-stone-800"
                  strokeDasharray={tick === 0 ? undefined : "3 3"}
                />
                <text x={MARGIN.left - 6} y={y(tick)} dy="0.32em" textAnchor="end" fontSize="11" fill="currentColor">
                  {formatGrams(tick)}
                </text>
              </g>
            ))}
            {xTicks.map((tick, index) => (
              <text
                key={`x${tick}`}
                x={x(tick)}
                y={MARGIN.top + innerHeight + 20}
                // The first and last labels align with the plot's edges instead of spilling past them.
                textAnchor={xTicks.length > 1 && index === 0 ? "start" : xTicks.length > 1 && index === xTicks.length - 1 ? "end" : "middle"}
                fontSize="11"
                fill="currentColor"
              >
                {formatDay(tick, withYear)}
              </text>
            ))}
            <path d={path} fill="none" strokeWidth="2.5" strokeLinejoin="round" className="stroke-teal-700 dark:stroke-teal-400" />
            {sorted.map((point) => (
              <circle
                key={`${point.time}-${point.grams}`}
                cx={x(point.time)}
                cy={y(point.grams)}
                r="4"
                strokeWidth="2"
                className="fill-white stroke-teal-700 dark:fill-stone-900 dark:stroke-teal-400"
              >
                <title>{`${formatGrams(point.grams)} on ${formatDay(point.time, true)}`}</title>
              </circle>
            ))}
          </g>
        </svg>
      </div>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer rounded text-teal-800 underline focus-visible:outline-2 focus-visible:outline-teal-600 dark:text-teal-300">
          Show as a table
        </summary>
        <table className="mt-2 w-full max-w-sm text-left">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr className="border-b border-stone-200 dark:border-stone-700">
              <th scope="col" className="py-1 font-medium">Date</th>
              <th scope="col" className="py-1 text-right font-medium">Weight</th>
            </tr>
          </thead>
          <tbody>
            {[...sorted].reverse().map((point) => (
              <tr key={`${point.time}-${point.grams}`} className="border-b border-stone-100 dark:border-stone-800">
                <td className="py-1">{formatDay(point.time, true)}</td>
                <td className="py-1 text-right tabular-nums">{formatGrams(point.grams)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
