import { z } from 'zod';

/** Shapes of the working-calendar endpoints (routes.ts), shared with the web as types. */

export const yearParams = z.object({ year: z.coerce.number().int().min(2020).max(2100) });

export const dayView = z.object({
  date: z.iso.date(),
  working: z
    .boolean()
    .describe('true: a weekend day declared a working day (调休); false: a public holiday (on a weekday it is what makes the day non-working)'),
  note: z.string().nullable(),
});
export type CalendarDay = z.infer<typeof dayView>;

/** Where a year's entries come from, as the page shows it. */
const sourceText = z.string().trim().max(200);

export const setYearBody = z
  .object({
    days: z.array(dayView.extend({ note: z.string().trim().max(100).nullable().optional() }).strict()).max(120),
    source: sourceText.nullable().optional().describe('Where the entries come from (the notice); omitted: the year keeps the one it has'),
  })
  .strict();
export type SetYearInput = z.infer<typeof setYearBody>;

export const CALENDAR_ACTIONS = ['seed', 'set', 'import'] as const;

export const calendarDetailsView = z.object({
  year: z.number().int(),
  /** false: no entry at all, so every weekday counts as a working day, holidays included. */
  loaded: z.boolean(),
  days: z.array(dayView),
  source: z
    .object({
      title: z.string(),
      docNumber: z.string().nullable(),
      note: z.string().nullable(),
      /** true: the year came with the application (data/YYYY.json); false: the office entered it. */
      shipped: z.boolean(),
    })
    .nullable(),
  lastChange: z
    .object({
      at: z.string(),
      username: z.string().nullable(),
      displayName: z.string().nullable(),
      action: z.enum(CALENDAR_ACTIONS),
      recomputedDeadlines: z.number().int().nullable(),
    })
    .nullable(),
  /** Whether the caller may replace the year (workingCalendarPolicy 'update', with the caller's grants). */
  editable: z.boolean(),
});
export type CalendarDetails = z.infer<typeof calendarDetailsView>;

export const calendarYearSummary = z.object({ year: z.number().int(), holidays: z.number().int(), workdays: z.number().int() });
export type CalendarYearSummary = z.infer<typeof calendarYearSummary>;

export const IMPORT_COLUMNS = ['date', 'kind', 'name'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

export const importQuery = z.object({
  dryRun: z.enum(['true', 'false']).default('true').describe('true (the default): check and show the rows, write nothing'),
  source: sourceText.optional(),
});

export const importRowView = z.object({
  /** The row of the sheet (1 is the header). */
  row: z.number().int(),
  date: z.string().nullable(),
  kind: z.enum(['holiday', 'workday']).nullable(),
  name: z.string(),
});
export type ImportRow = z.infer<typeof importRowView>;

export const importErrorView = z.object({
  row: z.number().int(),
  /** '' when the error is the file's, not a cell's. */
  column: z.enum([...IMPORT_COLUMNS, '']),
  reason: z.string(),
  message: z.string(),
});
export type ImportError = z.infer<typeof importErrorView>;

export const importResultView = z.object({
  year: z.number().int(),
  dryRun: z.boolean(),
  saved: z.boolean(),
  rows: z.array(importRowView),
  errors: z.array(importErrorView),
  /** How many entries the year has now, which an import replaces. */
  replaces: z.number().int(),
  recomputedDeadlines: z.number().int().nullable(),
});
export type ImportResult = z.infer<typeof importResultView>;
