import { z } from 'zod';
import type { ModulePlugin } from '../../../core/module.js';
import { sendXlsx } from '../../../http/excel.js';
import { readUploadedFile } from '../../../http/multipart.js';
import { workingCalendarPolicy } from '../policies/calendar.js';
import { exportWorkbook, templateWorkbook } from './excel.js';
import { importCalendarYear } from './import.js';
import { calendarDetailsView, calendarYearSummary, dayView, importQuery, importResultView, setYearBody, yearParams } from './schema.js';
import { getCalendarDetails, getWorkingCalendar, listCalendarYears, setWorkingCalendar } from './service.js';

const tags = ['car trade-in'];
const BASE = '/tradein/car-programs/working-calendar';

/** The header of PUT …/working-calendar/:year that says how many running deadlines the new year moved. */
export const RECOMPUTED_HEADER = 'x-recomputed-deadlines';

export const calendarRoutes: ModulePlugin = async (app, { deps }) => {
  const read = { policy: { policy: workingCalendarPolicy, action: 'read' as const } };
  const update = { policy: { policy: workingCalendarPolicy, action: 'update' as const } };

  app.get(BASE, {
    config: read,
    schema: { tags, summary: 'The years that have a working-day calendar, with their counts', response: { 200: z.array(calendarYearSummary) } },
    handler: (req) => listCalendarYears(deps, req.ctx),
  });
  // Static paths before the year's: find-my-way prefers them, and they read as the documents they are.
  app.get(`${BASE}/template.xlsx`, {
    config: read,
    schema: { tags, summary: 'The Excel template a year is imported from (date, kind holiday|workday, name)' },
    handler: async (req, reply) => sendXlsx(reply, '工作日历导入模板.xlsx', await templateWorkbook()),
  });
  app.get(`${BASE}/:year`, {
    config: read,
    schema: {
      tags,
      summary: 'Exceptions to Monday–Friday that review and payment deadlines are counted with',
      params: yearParams,
      response: { 200: z.array(dayView) },
    },
    handler: (req) => getWorkingCalendar(deps, req.ctx, req.params.year),
  });
  app.get(`${BASE}/:year/details`, {
    config: read,
    schema: {
      tags,
      summary: 'A year with where it comes from, its last change (audit trail) and whether the caller may edit it',
      params: yearParams,
      response: { 200: calendarDetailsView },
    },
    handler: (req) => getCalendarDetails(deps, req.ctx, req.params.year),
  });
  app.get(`${BASE}/:year/export.xlsx`, {
    config: read,
    schema: { tags, summary: 'A year as an Excel sheet in the template’s layout (imports back unchanged)', params: yearParams },
    handler: async (req, reply) =>
      sendXlsx(reply, `工作日历-${req.params.year}.xlsx`, await exportWorkbook(await getWorkingCalendar(deps, req.ctx, req.params.year))),
  });
  app.put(`${BASE}/:year`, {
    config: update,
    schema: {
      tags,
      summary: 'Replace a year’s holidays and make-up working days',
      description: `Running review and payment deadlines the year reaches are counted again; the ${RECOMPUTED_HEADER} response header says how many moved.`,
      params: yearParams,
      body: setYearBody,
      response: { 200: z.array(dayView) },
    },
    handler: async (req, reply) => {
      const { days, recomputedDeadlines } = await setWorkingCalendar(deps, req.ctx, req.params.year, req.body);
      // The body stays the year's days, as clients read it; the count travels beside it.
      void reply.header(RECOMPUTED_HEADER, String(recomputedDeadlines));
      return days;
    },
  });
  app.post(`${BASE}/:year/import`, {
    config: update,
    schema: {
      tags,
      summary: 'Preview (dryRun=true, the default) or import a year from the Excel template (multipart field "file")',
      description:
        'Every row is checked (date in the year, once; kind holiday|workday, a workday only on a weekend; a name). A preview answers the rows and errors; an import with any error is refused whole (400), otherwise it replaces the year as PUT does and recounts the running deadlines.',
      consumes: ['multipart/form-data'],
      params: yearParams,
      querystring: importQuery,
      response: { 200: importResultView },
    },
    handler: async (req, reply) => {
      const { filename, data } = await readUploadedFile(req);
      const result = await importCalendarYear(deps, req.ctx, req.params.year, data, {
        dryRun: req.query.dryRun === 'true',
        filename,
        source: req.query.source,
      });
      if (result.saved) void reply.header(RECOMPUTED_HEADER, String(result.recomputedDeadlines ?? 0));
      return result;
    },
  });
};
