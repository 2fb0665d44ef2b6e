import { z } from 'zod';
import type { ModulePlugin } from '../../../core/module.js';
import { authorize } from '../../../core/policy.js';
import { sendXlsx } from '../../../http/excel.js';
import { readUploadedFile } from '../../../http/multipart.js';
import { idParams } from '../../../http/schema.js';
import { surveyPolicy } from '../policies/survey.js';
import { exportSurvey } from './export.js';
import { importRegister, registerTemplate } from './registerImport.js';
import { listRegister, listRoundViews, loadRow, myRows } from './queries.js';
import { surveyResults } from './results.js';
import { checkResponse, returnResponse, saveResponse, submitResponse } from './responses.js';
import { addRegisterRow, copyRegister, openRound, removeRegisterRow, setRoundOpen } from './rounds.js';
import {
  copyBody,
  importResultView,
  mineView,
  reasonBody,
  registerBody,
  registerPage,
  registerQuery,
  registerRowView,
  responseAnswers,
  resultsView,
  roundBody,
  roundView,
} from './schema.js';

const tags = ['renewal survey'];
const BASE = '/renewal/survey';
const policy = (action: (typeof surveyPolicy.actions)[number]) => ({ policy: { policy: surveyPolicy, action } });
const row = { 200: registerRowView };

export const surveyRoutes: ModulePlugin = async (app, { deps }) => {
  const db = deps.database.db;
  app.get(`${BASE}/rounds`, {
    config: policy('listRounds'),
    schema: { tags, summary: 'Survey rounds (调查年度), newest first, with register size and checked responses', response: { 200: z.array(roundView) } },
    handler: () => listRoundViews(db),
  });
  app.post(`${BASE}/rounds`, {
    config: policy('manageRounds'),
    schema: { tags, summary: 'Open a round for a year (renewal `manage`, the office); one per year', body: roundBody, response: { 201: roundView } },
    handler: async (req, reply) => reply.code(201).send(await openRound(deps, req.ctx, req.body)),
  });
  app.post(`${BASE}/rounds/:id/close`, {
    config: policy('manageRounds'),
    schema: { tags, summary: 'Close a round: enterprises no longer edit or submit', params: idParams, response: { 200: roundView } },
    handler: (req) => setRoundOpen(deps, req.ctx, req.params.id, false),
  });
  app.post(`${BASE}/rounds/:id/reopen`, {
    config: policy('manageRounds'),
    schema: { tags, summary: 'Reopen a closed round', params: idParams, response: { 200: roundView } },
    handler: (req) => setRoundOpen(deps, req.ctx, req.params.id, true),
  });
  app.get(`${BASE}/rounds/:id/register`, {
    config: policy('queue'),
    schema: {
      tags,
      summary: 'A round’s register with each enterprise’s response (a town: its own enterprises — its check queue with status=submitted)',
      params: idParams,
      querystring: registerQuery,
      response: { 200: registerPage },
    },
    handler: (req) => {
      // A town reads only its own rows (the query restricts them); officials read all.
      authorize(req.ctx.actor, surveyPolicy, 'queue');
      return listRegister(db, req.ctx.actor, req.params.id, req.query);
    },
  });
  app.get(`${BASE}/queue`, {
    config: policy('queue'),
    schema: {
      tags,
      summary: 'Every round’s register rows of the caller’s town (towns) or all (officials), filtered',
      querystring: registerQuery,
      response: { 200: registerPage },
    },
    handler: (req) => listRegister(db, req.ctx.actor, null, req.query),
  });
  app.post(`${BASE}/rounds/:id/register`, {
    config: policy('manageRegister'),
    schema: { tags, summary: 'Add one enterprise to a round’s register', params: idParams, body: registerBody, response: { 201: registerRowView } },
    handler: async (req, reply) => reply.code(201).send(await loadRow(db, req.ctx.actor, await addRegisterRow(deps, req.ctx, req.params.id, req.body))),
  });
  app.post(`${BASE}/rounds/:id/register/copy`, {
    config: policy('manageRegister'),
    schema: {
      tags,
      summary: 'Copy another round’s register into this one (credit codes not there yet)',
      params: idParams,
      body: copyBody,
      response: { 200: z.object({ copied: z.number().int() }) },
    },
    handler: (req) => copyRegister(deps, req.ctx, req.params.id, req.body.fromRoundId),
  });
  app.get(`${BASE}/register-template.xlsx`, {
    config: policy('manageRegister'),
    schema: { tags, summary: 'The register template (统一社会信用代码, 企业名称, 镇街, 行业)' },
    handler: async (_req, reply) => sendXlsx(reply, '规上工业企业名录模板.xlsx', await registerTemplate()),
  });
  app.post(`${BASE}/rounds/:id/register/import`, {
    config: policy('manageRegister'),
    schema: {
      tags,
      summary: 'Import 市工信局’s register (multipart field "file"): all rows or none, errors by row and column',
      consumes: ['multipart/form-data'],
      params: idParams,
      response: { 200: importResultView },
    },
    handler: async (req) => {
      const { data } = await readUploadedFile(req);
      return importRegister(deps, req.ctx, req.params.id, data);
    },
  });
  app.delete(`${BASE}/register/:id`, {
    config: policy('manageRegister'),
    schema: { tags, summary: 'Remove a register row that has no response', params: idParams },
    handler: async (req, reply) => {
      await removeRegisterRow(deps, req.ctx, req.params.id);
      return reply.code(204).send();
    },
  });
  app.get(`${BASE}/mine`, {
    config: policy('mine'),
    schema: { tags, summary: 'The enterprise’s own register rows and responses, newest round first', response: { 200: mineView } },
    handler: async (req) => ({ rows: await myRows(db, req.ctx.actor) }),
  });
  app.get(`${BASE}/register/:id`, {
    config: policy('read'),
    schema: { tags, summary: 'One register row with its response', params: idParams, response: row },
    handler: async (req) => {
      const r = await loadRow(db, req.ctx.actor, req.params.id);
      authorize(req.ctx.actor, surveyPolicy, 'read', { organizationId: r.organizationId, townId: r.townId }, r.id);
      return r;
    },
  });
  app.put(`${BASE}/register/:id/response`, {
    config: policy('respond'),
    schema: {
      tags,
      summary: 'Save the row’s response as a draft (its enterprise; the manager for an enterprise without an account)',
      params: idParams,
      body: responseAnswers,
      response: row,
    },
    handler: (req) => saveResponse(deps, req.ctx, req.params.id, req.body),
  });
  app.post(`${BASE}/responses/:id/submit`, {
    config: policy('respond'),
    schema: { tags, summary: 'Submit a draft or returned response to the town', params: idParams, response: row },
    handler: (req) => submitResponse(deps, req.ctx, req.params.id),
  });
  app.post(`${BASE}/responses/:id/check`, {
    config: policy('check'),
    schema: { tags, summary: 'The row’s town checks a submitted response (it then counts in the results)', params: idParams, response: row },
    handler: (req) => checkResponse(deps, req.ctx, req.params.id),
  });
  app.post(`${BASE}/responses/:id/return`, {
    config: policy('check'),
    schema: { tags, summary: 'The row’s town returns a submitted response with its reason', params: idParams, body: reasonBody, response: row },
    handler: (req) => returnResponse(deps, req.ctx, req.params.id, req.body.reason),
  });
  app.get(`${BASE}/rounds/:id/results`, {
    config: policy('results'),
    schema: {
      tags,
      summary: 'A round’s rates city-wide, by town and by industry, each with its response rate',
      params: idParams,
      response: { 200: resultsView },
    },
    handler: (req) => surveyResults(deps, req.ctx, req.params.id),
  });
  app.get(`${BASE}/rounds/:id/results/export.xlsx`, {
    config: policy('export'),
    schema: { tags, summary: 'The results and every register row’s response, to Excel', params: idParams },
    handler: async (req, reply) => {
      const { buffer, filename } = await exportSurvey(deps, req.ctx, req.params.id);
      return sendXlsx(reply, filename, buffer);
    },
  });
};
