import { z } from 'zod';
import type { ModulePlugin } from '../../../core/module.js';
import { readUploadedFile } from '../../../http/multipart.js';
import { sendXlsx } from '../../../http/excel.js';
import { idParams, pageOf } from '../../../http/schema.js';
import { contentQuery, sendAttachment } from '../../platform/attachments/content.js';
import { projectPolicy } from '../policies/project.js';
import { recognitionPolicy } from '../policies/recognition.js';
import { exportProjects } from './export.js';
import { templateWorkbook } from './excel.js';
import { getProjectImport, startProjectImport } from './import.js';
import {
  approveProject,
  completeProject,
  departmentReturnProject,
  returnCompletion,
  startProject,
  submitProject,
  townPassProject,
  townReturnProject,
} from './moves.js';
import { createRecognition, listRecognitions, removeRecognition } from './recognitions.js';
import {
  completeBody,
  evidenceParams,
  importJobView,
  noteBody,
  projectBody,
  projectDetailView,
  projectExportQuery,
  projectListQuery,
  projectView,
  reasonBody,
  recognitionBody,
  recognitionListQuery,
  recognitionView,
  startBody,
} from './schema.js';
import { createProject, getProject, listAllProjects, listMyProjects, listTownProjects, openEvidence, updateProject } from './service.js';

const tags = ['renewal'];
const BASE = '/renewal/projects';
const page = pageOf(projectView);
const policy = (action: Parameters<typeof projectPolicy.can>[1]) => ({ policy: { policy: projectPolicy, action } });
const detail = { 200: projectDetailView };

export const projectsRoutes: ModulePlugin = async (app, { deps }) => {
  app.post(BASE, {
    config: policy('create'),
    schema: { tags, summary: 'An enterprise (or public body) registers a project as a draft', body: projectBody, response: { 201: projectDetailView } },
    handler: async (req, reply) => reply.code(201).send(await createProject(deps, req.ctx, req.body)),
  });
  app.get(`${BASE}/mine`, {
    config: policy('listMine'),
    schema: {
      tags,
      summary: 'The enterprise’s own projects (filters: status, sector, type, town, year; search; sort)',
      querystring: projectListQuery,
      response: { 200: page },
    },
    handler: (req) => listMyProjects(deps, req.ctx, req.query),
  });
  app.get(`${BASE}/town`, {
    config: policy('listTown'),
    schema: { tags, summary: 'Submitted projects of the town (its check queue with status=submitted)', querystring: projectListQuery, response: { 200: page } },
    handler: (req) => listTownProjects(deps, req.ctx, req.query),
  });
  app.get(BASE, {
    config: policy('listAll'),
    schema: {
      tags,
      summary: 'Every submitted project: the approval queue (status=town_checked) and the project library',
      querystring: projectListQuery,
      response: { 200: page },
    },
    handler: (req) => listAllProjects(deps, req.ctx, req.query),
  });
  app.get(`${BASE}/export.xlsx`, {
    config: policy('listAll'),
    schema: { tags, summary: 'Export the projects matching the filters to Excel', querystring: projectExportQuery },
    handler: async (req, reply) => {
      const { filename, buffer } = await exportProjects(deps, req.ctx, req.query);
      return sendXlsx(reply, filename, buffer);
    },
  });
  app.get(`${BASE}/import-template.xlsx`, {
    config: policy('import'),
    schema: { tags, summary: 'The template of a department’s project list for import' },
    handler: async (_req, reply) => sendXlsx(reply, '技改项目清单模板.xlsx', await templateWorkbook()),
  });
  app.post(`${BASE}/imports`, {
    config: policy('import'),
    schema: {
      tags,
      summary: 'Upload a department’s project list (multipart field "file") into the library; checked in the background, all rows or none',
      consumes: ['multipart/form-data'],
      response: { 202: importJobView },
    },
    handler: async (req, reply) => {
      const { filename, data } = await readUploadedFile(req);
      return reply.code(202).send(await startProjectImport(deps, req.ctx, filename, data));
    },
  });
  app.get(`${BASE}/imports/:id`, {
    config: policy('import'),
    schema: { tags, summary: 'Progress and outcome of my import (poll until succeeded or failed)', params: idParams, response: { 200: importJobView } },
    handler: (req) => getProjectImport(deps, req.ctx, req.params.id),
  });
  app.get(`${BASE}/:id`, {
    config: policy('read'),
    schema: { tags, summary: 'One project with its equipment, evidence and timeline', params: idParams, response: detail },
    handler: (req) => getProject(deps, req.ctx, req.params.id),
  });
  app.put(`${BASE}/:id`, {
    config: policy('update'),
    schema: { tags, summary: 'The enterprise edits its draft or returned project', params: idParams, body: projectBody, response: detail },
    handler: (req) => updateProject(deps, req.ctx, req.params.id, req.body),
  });
  app.post(`${BASE}/:id/submit`, {
    config: policy('submit'),
    schema: {
      tags,
      summary: 'Submit to the town; a project adding no land and mainly replacing equipment takes the simplified path',
      params: idParams,
      response: detail,
    },
    handler: (req) => submitProject(deps, req.ctx, req.params.id),
  });
  app.post(`${BASE}/:id/town-pass`, {
    config: policy('townCheck'),
    schema: { tags, summary: 'The project’s town passes it on to the department', params: idParams, body: noteBody, response: detail },
    handler: (req) => townPassProject(deps, req.ctx, req.params.id, req.body.note),
  });
  app.post(`${BASE}/:id/town-return`, {
    config: policy('townCheck'),
    schema: { tags, summary: 'The project’s town returns it with a reason', params: idParams, body: reasonBody, response: detail },
    handler: (req) => townReturnProject(deps, req.ctx, req.params.id, req.body.reason),
  });
  app.post(`${BASE}/:id/approve`, {
    config: policy('approve'),
    schema: { tags, summary: 'The renewal manager (市工信局) approves it into the project library (入库)', params: idParams, body: noteBody, response: detail },
    handler: (req) => approveProject(deps, req.ctx, req.params.id, req.body.note),
  });
  app.post(`${BASE}/:id/return`, {
    config: policy('approve'),
    schema: { tags, summary: 'The renewal manager returns it with a reason', params: idParams, body: reasonBody, response: detail },
    handler: (req) => departmentReturnProject(deps, req.ctx, req.params.id, req.body.reason),
  });
  app.post(`${BASE}/:id/start`, {
    config: policy('start'),
    schema: { tags, summary: 'The enterprise marks construction started', params: idParams, body: startBody, response: detail },
    handler: (req) => startProject(deps, req.ctx, req.params.id, req.body.startedOn),
  });
  app.post(`${BASE}/:id/complete`, {
    config: policy('complete'),
    schema: {
      tags,
      summary: 'The enterprise completes it (竣工): actual investment and its equipment share in fen, the date, evidence files',
      params: idParams,
      body: completeBody,
      response: detail,
    },
    handler: (req) => completeProject(deps, req.ctx, req.params.id, req.body),
  });
  app.post(`${BASE}/:id/return-completion`, {
    config: policy('approve'),
    schema: {
      tags,
      summary: 'The renewal manager returns a completion it finds short, with a reason: under construction again',
      params: idParams,
      body: reasonBody,
      response: detail,
    },
    handler: (req) => returnCompletion(deps, req.ctx, req.params.id, req.body.reason),
  });
  app.get(`${BASE}/:id/evidence/:attachmentId`, {
    config: policy('read'),
    schema: {
      tags,
      summary: 'Open a completion evidence file (photos and PDFs inline; ?download=1 to download); audited',
      params: evidenceParams,
      querystring: contentQuery,
    },
    handler: async (req, reply) =>
      sendAttachment(reply, await openEvidence(deps, req.ctx, req.params.id, req.params.attachmentId, req.query.download), req.query),
  });

  const recognitions = '/renewal/recognitions';
  app.get(recognitions, {
    config: { policy: { policy: recognitionPolicy, action: 'list' } },
    schema: {
      tags,
      summary: 'Smart-manufacturing demonstration factories and excellent scenes (filters: kind, level, town, year)',
      querystring: recognitionListQuery,
      response: { 200: pageOf(recognitionView) },
    },
    handler: (req) => listRecognitions(deps, req.ctx, req.query),
  });
  app.post(recognitions, {
    config: { policy: { policy: recognitionPolicy, action: 'create' } },
    schema: { tags, summary: '市工信局 records a recognition of a project or an enterprise', body: recognitionBody, response: { 201: recognitionView } },
    handler: async (req, reply) => reply.code(201).send(await createRecognition(deps, req.ctx, req.body)),
  });
  app.delete(`${recognitions}/:id`, {
    config: { policy: { policy: recognitionPolicy, action: 'remove' } },
    schema: { tags, summary: 'Withdraw a recognition recorded by mistake', params: idParams, response: { 200: z.object({ ok: z.literal(true) }) } },
    handler: async (req) => {
      await removeRecognition(deps, req.ctx, req.params.id);
      return { ok: true as const };
    },
  });
};
