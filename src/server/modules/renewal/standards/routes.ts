import type { ModulePlugin } from '../../../core/module.js';
import { sendXlsx } from '../../../http/excel.js';
import { idParams, pageOf } from '../../../http/schema.js';
import { contentQuery, sendAttachment } from '../../platform/attachments/content.js';
import { rdReportPolicy } from '../policies/rdReport.js';
import { exportClaims } from './export.js';
import { confirmClaim, returnClaim, submitClaim, withdrawClaim } from './moves.js';
import { rdOverview, rdOverviewQuery, rdOverviewView } from './overview.js';
import { claimDetailExtra, claimListQuery, claimViewBase, evidenceParams, noteBody, reasonBody } from './schema.js';
import { createClaim, getClaim, listClaims, openClaimEvidence, updateClaim } from './service.js';
import { CLAIM_MODELS_BY_PATH } from './specs.js';

const tags = ['renewal'];

/**
 * The same routes for each of the four models (/api/renewal/standards, /certifications, /brands, /rd-reports): the
 * list (an enterprise's own, or every organisation's for officials), Excel export, create, read, edit, the moves
 * (submit, confirm, return, withdraw) and evidence; and the R&D overview.
 */
export const standardsRoutes: ModulePlugin = async (app, { deps }) => {
  app.get('/renewal/rd-reports/overview', {
    config: { policy: { policy: rdReportPolicy, action: 'listAll' } },
    schema: {
      tags,
      summary: 'Confirmed R&D investment by year (growth in total and like for like), by industry and town, with intensity',
      querystring: rdOverviewQuery,
      response: { 200: rdOverviewView },
    },
    handler: (req) => rdOverview(deps, req.ctx, req.query),
  });
  for (const [path, { spec, fields, query }] of Object.entries(CLAIM_MODELS_BY_PATH)) {
    const base = `/renewal/${path}`;
    const view = claimViewBase.extend(fields);
    const detail = { 200: view.extend(claimDetailExtra.shape) };
    const list = claimListQuery.extend(query);
    const policy = (action: Parameters<typeof spec.policy.can>[1]) => ({ policy: { policy: spec.policy, action } });
    app.get(base, {
      config: policy('read'),
      schema: {
        tags,
        summary: `${spec.model}: the enterprise’s own, or every organisation’s for officials (filters, search, sort, paging)`,
        querystring: list,
        response: { 200: pageOf(view) },
      },
      handler: (req) => listClaims(deps, req.ctx, spec, req.query),
    });
    app.get(`${base}/export.xlsx`, {
      config: policy('export'),
      schema: { tags, summary: `${spec.model}: the filtered list as Excel`, querystring: list },
      handler: async (req, reply) => {
        const { filename, buffer } = await exportClaims(deps, req.ctx, spec, req.query);
        return sendXlsx(reply, filename, buffer);
      },
    });
    app.post(base, {
      config: policy('create'),
      schema: { tags, summary: `${spec.model}: record a draft with evidence`, body: spec.body, response: { 201: detail[200] } },
      handler: async (req, reply) => reply.code(201).send(await createClaim(deps, req.ctx, spec, req.body as never)),
    });
    app.get(`${base}/:id`, {
      config: policy('read'),
      schema: { tags, summary: `${spec.model}: one record with its evidence and timeline`, params: idParams, response: detail },
      handler: (req) => getClaim(deps, req.ctx, spec, req.params.id),
    });
    app.put(`${base}/:id`, {
      config: policy('update'),
      schema: { tags, summary: `${spec.model}: edit a draft, returned or withdrawn record`, params: idParams, body: spec.body, response: detail },
      handler: (req) => updateClaim(deps, req.ctx, spec, req.params.id, req.body as never),
    });
    app.post(`${base}/:id/submit`, {
      config: policy('submit'),
      schema: { tags, summary: `${spec.model}: submit with evidence for confirmation`, params: idParams, response: detail },
      handler: (req) => submitClaim(deps, req.ctx, spec, req.params.id),
    });
    app.post(`${base}/:id/confirm`, {
      config: policy('confirm'),
      schema: { tags, summary: `${spec.model}: the grant holder confirms it`, params: idParams, body: noteBody, response: detail },
      handler: (req) => confirmClaim(deps, req.ctx, spec, req.params.id, req.body.note),
    });
    app.post(`${base}/:id/return`, {
      config: policy('confirm'),
      schema: { tags, summary: `${spec.model}: the grant holder returns it with a reason`, params: idParams, body: reasonBody, response: detail },
      handler: (req) => returnClaim(deps, req.ctx, spec, req.params.id, req.body.reason),
    });
    app.post(`${base}/:id/withdraw`, {
      config: policy('confirm'),
      schema: {
        tags,
        summary: `${spec.model}: the grant holder withdraws a confirmed record with a reason`,
        params: idParams,
        body: reasonBody,
        response: detail,
      },
      handler: (req) => withdrawClaim(deps, req.ctx, spec, req.params.id, req.body.reason),
    });
    app.get(`${base}/:id/evidence/:attachmentId`, {
      config: policy('read'),
      schema: { tags, summary: `${spec.model}: open an evidence file (audited)`, params: evidenceParams, querystring: contentQuery },
      handler: async (req, reply) =>
        sendAttachment(reply, await openClaimEvidence(deps, req.ctx, spec, req.params.id, req.params.attachmentId, req.query.download), req.query),
    });
  }
};
