import { z } from 'zod';
import type { ModulePlugin } from '../../../core/module.js';
import { contentQuery, sendAttachment } from '../../platform/attachments/content.js';
import { carApplicationPolicy } from '../policies/application.js';
import {
  approveBody,
  carApplicationPage,
  carApplicationView,
  eligibilityView,
  evidenceParams,
  listCarApplicationsQuery,
  overdueItemView,
  precheckCarApplicationBody,
  reasonsBody,
  resubmitCarApplicationBody,
  submitCarApplicationBody,
} from './schema.js';
import { getCarApplication, listCarApplications, listOverdueCarApplications, readCarApplicationEvidence } from './queries.js';
import { approveCarApplication, rejectCarApplication, returnCarApplication } from './review.js';
import { precheckCarApplication, resubmitCarApplication, submitCarApplication } from './submission.js';
import { idParams } from '../../../http/schema.js';

const tags = ['car trade-in'];
const policy = (action: (typeof carApplicationPolicy.actions)[number]) => ({ policy: { policy: carApplicationPolicy, action } });

export const carApplicationRoutes: ModulePlugin = async (app, { deps }) => {
  app.post('/tradein/car-applications/precheck', {
    config: policy('precheck'),
    schema: {
      tags,
      summary: 'Eligibility pre-check for the application form (nothing is written)',
      description:
        'Same body as a submission; bank details and evidence may be left out. Returns every failed rule in the caller’s language, ' +
        'including `alreadySubsidised` when a VIN, the scrapping certificate or the invoice is already used by an application.',
      body: precheckCarApplicationBody,
      response: {
        200: eligibilityView.extend({
          certificateCheck: z.enum(['verified', 'mismatch', 'unverified', 'not_applicable']),
          ruleVersionId: z.number().int(),
        }),
      },
    },
    handler: (req) => precheckCarApplication(deps, req.ctx, req.body),
  });
  app.post('/tradein/car-applications', {
    config: policy('submit'),
    schema: {
      tags,
      summary: 'A resident applies for a car scrapping-renewal or replacement-renewal subsidy',
      description:
        'VINs are checked by their check digit (400 naming the field). An old VIN, new VIN or scrapping certificate already used by any ' +
        'application is refused with 409 VEHICLE_ALREADY_SUBSIDISED (an invoice with 409 INVOICE_ALREADY_USED). An application that fails ' +
        'rules is still recorded (201) with `eligibility.eligible = false` and every reason; 市商务局 decides. Send an Idempotency-Key to retry safely.',
      body: submitCarApplicationBody,
      response: { 201: carApplicationView },
    },
    handler: async (req, reply) => reply.code(201).send(await submitCarApplication(deps, req.ctx, req.body)),
  });
  app.get('/tradein/car-applications', {
    config: policy('list'),
    schema: {
      tags,
      summary: 'Applications: a resident’s own; all of them for reviewers, 市财政局, the office and auditors',
      description: '`q` matches an old or new VIN or the old plate exactly.',
      querystring: listCarApplicationsQuery,
      response: { 200: carApplicationPage },
    },
    handler: (req) => listCarApplications(deps, req.ctx, req.query),
  });
  app.get('/tradein/car-applications/overdue', {
    config: policy('listOverdue'),
    schema: {
      tags,
      summary: 'Review and payment steps past their deadline (working days), most overdue first',
      response: { 200: z.array(overdueItemView) },
    },
    handler: (req) => listOverdueCarApplications(deps, req.ctx),
  });
  app.get('/tradein/car-applications/:id', {
    config: policy('read'),
    schema: {
      tags,
      summary: 'One application with its eligibility, deadlines, status timeline with every reason, and what the caller may do now',
      params: idParams,
      response: { 200: carApplicationView },
    },
    handler: (req) => getCarApplication(deps, req.ctx, req.params.id),
  });
  app.put('/tradein/car-applications/:id', {
    config: policy('resubmit'),
    schema: {
      tags,
      summary: 'The resident corrects a returned application and submits it again (all fields, same programme)',
      params: idParams,
      body: resubmitCarApplicationBody,
      response: { 200: carApplicationView },
    },
    handler: (req) => resubmitCarApplication(deps, req.ctx, req.params.id, req.body),
  });
  app.post('/tradein/car-applications/:id/approve', {
    config: policy('review'),
    schema: {
      tags,
      summary: '市商务局 approves an eligible submitted application',
      description: 'When `certificate.needsManualConfirmation` is true, send `certificateConfirmed: true` (the reviewer checked the certificate by hand).',
      params: idParams,
      body: approveBody,
      response: { 200: carApplicationView },
    },
    handler: (req) => approveCarApplication(deps, req.ctx, req.params.id, req.body),
  });
  app.post('/tradein/car-applications/:id/return', {
    config: policy('review'),
    schema: {
      tags,
      summary: '市商务局 returns a submitted application for correction, with reasons',
      params: idParams,
      body: reasonsBody,
      response: { 200: carApplicationView },
    },
    handler: (req) => returnCarApplication(deps, req.ctx, req.params.id, req.body.reasons),
  });
  app.post('/tradein/car-applications/:id/reject', {
    config: policy('review'),
    schema: {
      tags,
      summary: '市商务局 rejects a submitted or returned application, with reasons (final)',
      params: idParams,
      body: reasonsBody,
      response: { 200: carApplicationView },
    },
    handler: (req) => rejectCarApplication(deps, req.ctx, req.params.id, req.body.reasons),
  });
  app.get('/tradein/car-applications/:id/evidence/:attachmentId', {
    config: policy('read'),
    schema: {
      tags,
      summary: 'Open an evidence file of the application: photos and PDFs inline, others (and ?download=1) as a download; audited',
      params: evidenceParams,
      querystring: contentQuery,
    },
    handler: async (req, reply) =>
      sendAttachment(reply, await readCarApplicationEvidence(deps, req.ctx, req.params.id, req.params.attachmentId, req.query.download), req.query),
  });
};
