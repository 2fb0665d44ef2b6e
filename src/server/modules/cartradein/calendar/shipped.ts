import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The working-day calendars shipped with the application, one data file per year (`data/YYYY.json`), each from
 * the State Council's annual notice (国务院办公厅关于YYYY年部分节假日安排的通知). A new year is a new file: the seed
 * loads every file it finds. The files are checked day by day against the `chinese-days` package in
 * shipped.test.ts, so a year is shipped only once it has been published.
 */

const dayEntry = z
  .object({
    date: z.iso.date(),
    /** false: a public holiday (weekend days of a holiday are listed too, as the notice reads); true: 调休上班. */
    working: z.boolean(),
    note: z.string().trim().min(1).max(100),
  })
  .strict();

const calendarFile = z
  .object({
    year: z.number().int().min(2020).max(2100),
    source: z
      .object({
        title: z.string().min(1),
        /** Cited only when certain; null otherwise. */
        docNumber: z.string().min(1).nullable(),
        note: z.string().optional(),
      })
      .strict(),
    days: z.array(dayEntry).min(1).max(120),
  })
  .strict();

export type ShippedCalendar = z.infer<typeof calendarFile>;

const DATA_DIR = new URL('./data/', import.meta.url);

/** Parses one file and checks what a schema cannot: the file's name, the year of every day, no day twice. */
export function parseCalendarFile(fileName: string, raw: unknown): ShippedCalendar {
  const cal = calendarFile.parse(raw);
  if (fileName !== `${cal.year}.json`) throw new Error(`calendar file ${fileName} holds year ${cal.year}`);
  const seen = new Set<string>();
  for (const d of cal.days) {
    if (!d.date.startsWith(`${cal.year}-`)) throw new Error(`calendar ${cal.year}: ${d.date} is outside the year`);
    if (seen.has(d.date)) throw new Error(`calendar ${cal.year}: ${d.date} twice`);
    seen.add(d.date);
  }
  return cal;
}

let cache: ShippedCalendar[] | null = null;

/** Every shipped year, oldest first. A broken file fails the start rather than counting deadlines wrongly. */
export function shippedCalendars(): ShippedCalendar[] {
  cache ??= readdirSync(fileURLToPath(DATA_DIR))
    .filter((f) => /^\d{4}\.json$/.test(f))
    .sort()
    .map((f) => parseCalendarFile(f, JSON.parse(readFileSync(fileURLToPath(new URL(f, DATA_DIR)), 'utf8'))));
  return cache;
}

export function shippedCalendar(year: number): ShippedCalendar | undefined {
  return shippedCalendars().find((c) => c.year === year);
}
