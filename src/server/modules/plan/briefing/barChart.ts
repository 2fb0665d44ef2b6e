import { Raster, drawText, textWidth, type Rgb } from './png.js';

export interface Bar {
  value: number;
  color?: Rgb;
}

export interface BarChartOptions {
  width?: number;
  height?: number;
  /** Top of the value axis; defaults to the largest value rounded up (100 for percentages). */
  max?: number;
  /** Appended to value labels, e.g. "%". */
  suffix?: string;
}

export const BAR_BLUE: Rgb = [47, 84, 150];
const AXIS: Rgb = [60, 60, 60];
const GRID: Rgb = [225, 225, 225];
const LABEL: Rgb = [40, 40, 40];

/** Where the chart's parts are, for tests and for drawing. */
export function barLayout(count: number, width: number, height: number) {
  const left = 60;
  const right = 20;
  const top = 30;
  const bottom = 40;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const slot = plotW / Math.max(1, count);
  const barW = Math.max(4, Math.min(80, slot * 0.6));
  return { left, top, plotW, plotH, baseline: top + plotH, barX: (i: number) => left + slot * i + (slot - barW) / 2, barW };
}

/**
 * A vertical bar chart as PNG: gridlines at quarters of the axis with their values, each bar's value above it and
 * its number (1, 2, …) below; the names go in the document's table beneath the chart (the tiny font has no
 * Chinese).
 */
export function renderBarChart(bars: readonly Bar[], options: BarChartOptions = {}): Buffer {
  const width = options.width ?? 720;
  const height = options.height ?? 320;
  const suffix = options.suffix ?? '';
  const largest = Math.max(0, ...bars.map((b) => b.value));
  const max = options.max ?? (largest <= 0 ? 1 : niceCeiling(largest));
  const r = new Raster(width, height);
  const L = barLayout(bars.length, width, height);
  for (let q = 0; q <= 4; q++) {
    const y = L.baseline - (L.plotH * q) / 4;
    r.fillRect(L.left, y, L.plotW, 1, q === 0 ? AXIS : GRID);
    const label = formatTick((max * q) / 4) + suffix;
    drawText(r, label, L.left - 8 - textWidth(label, 2), y - 5, 2, LABEL);
  }
  r.fillRect(L.left, L.top, 1, L.plotH + 1, AXIS);
  bars.forEach((bar, i) => {
    const value = Math.max(0, Math.min(bar.value, max));
    const h = (L.plotH * value) / max;
    const x = L.barX(i);
    r.fillRect(x, L.baseline - h, L.barW, h, bar.color ?? BAR_BLUE);
    const valueLabel = formatTick(bar.value) + suffix;
    drawText(r, valueLabel, x + (L.barW - textWidth(valueLabel, 2)) / 2, L.baseline - h - 14, 2, LABEL);
    const n = String(i + 1);
    drawText(r, n, x + (L.barW - textWidth(n, 3)) / 2, L.baseline + 10, 3, LABEL);
  });
  return r.toPng();
}

function niceCeiling(v: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(v));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= v) return step * magnitude;
  return 10 * magnitude;
}

function formatTick(v: number): string {
  return String(Math.round(v * 10) / 10);
}
