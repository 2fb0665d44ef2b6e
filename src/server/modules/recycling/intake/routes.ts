import { z } from 'zod';
import type { ModulePlugin } from '../../../core/module.js';
import { sendXlsx } from '../../../http/excel.js';
import { idParams, pageOf } from '../../../http/schema.js';
import { intakePolicy } from '../policies/intake.js';
import { exportInvoices } from './export.js';
import {
  exportQuery,
  intakeDetailView,
  intakeListQuery,
  intakeOptionsView,
  intakeView,
  invoiceListQuery,
  invoicePageView,
  recordIntakeBody,
  voidBody,
} from './schema.js';
import { getIntake, intakeOptions, listIntake, listInvoices, recordIntake, voidIntake } from './service.js';

const tags = ['recycling'];
const BASE = '/recycling/intake';
const policy = (action: (typeof intakePolicy.actions)[number]) => ({ policy: { policy: intakePolicy, action } });

export const intakeRoutes: ModulePlugin = async (app, { deps }) => {
  app.post(BASE, {
    config: policy('record'),
    schema: {
      tags,
      summary: 'A recycler records what one of its operating sites took in',
      description:
        'Appliances by units with their category, other materials by weight; vehicles go to the scrapped-vehicle one-stop. ' +
        'A purchase from an individual issues its reverse invoice (VAT and income tax at the rates in force); beyond the ' +
        'seller’s yearly limit across all recyclers it is refused with 409 REVERSE_INVOICE_LIMIT and nothing is written. ' +
        'Production scrap metal (steel, non-ferrous from an enterprise) needs the seller’s contact.',
      body: recordIntakeBody,
      response: { 201: z.object({ id: z.number().int(), reverseInvoiceId: z.number().int().nullable() }) },
    },
    handler: async (req, reply) => reply.code(201).send(await recordIntake(deps, req.ctx, req.body)),
  });
  app.get(BASE, {
    config: policy('list'),
    schema: {
      tags,
      summary: 'Intake records: a recycler’s own; 市商务局, the office and auditors all (or one recycler’s)',
      querystring: intakeListQuery,
      response: { 200: pageOf(intakeView) },
    },
    handler: (req) => listIntake(deps, req.ctx, req.query),
  });
  app.get(`${BASE}/options`, {
    config: policy('list'),
    schema: { tags, summary: 'The sites a recycler records at, the recyclers officials filter by, the rates in force', response: { 200: intakeOptionsView } },
    handler: (req) => intakeOptions(deps, req.ctx),
  });
  app.get(`${BASE}/reverse-invoices`, {
    config: policy('listInvoices'),
    schema: {
      tags,
      summary: 'A month’s reverse invoices with the month’s totals (a recycler its own; officials all or one recycler’s)',
      querystring: invoiceListQuery,
      response: { 200: invoicePageView },
    },
    handler: (req) => listInvoices(deps, req.ctx, req.query),
  });
  app.get(`${BASE}/reverse-invoices/export`, {
    config: policy('exportInvoices'),
    schema: {
      tags,
      summary: 'One recycler’s issued reverse invoices of a month (xlsx) for it to file',
      description: 'Officials name the recycler (`recyclerId`); a recycler gets its own.',
      querystring: exportQuery,
    },
    handler: async (req, reply) => {
      const { buffer, filename } = await exportInvoices(deps, req.ctx, req.query);
      return sendXlsx(reply, filename, buffer);
    },
  });
  app.get(`${BASE}/:id`, {
    config: policy('read'),
    schema: { tags, summary: 'One intake record with its reverse invoice', params: idParams, response: { 200: intakeDetailView } },
    handler: (req) => getIntake(deps, req.ctx, req.params.id),
  });
  app.post(`${BASE}/:id/void`, {
    config: policy('void'),
    schema: {
      tags,
      summary: 'The recycler voids its record, with a reason; its reverse invoice is voided and the seller’s total given back',
      params: idParams,
      body: voidBody,
      response: { 200: intakeDetailView },
    },
    handler: (req) => voidIntake(deps, req.ctx, req.params.id, req.body.reason),
  });
};
