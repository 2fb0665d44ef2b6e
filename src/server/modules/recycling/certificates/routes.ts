import type { ModulePlugin } from '../../../core/module.js';
import { pageOf } from '../../../http/schema.js';
import { certificatePolicy } from '../policies/certificate.js';
import { certificateCheckView, certificateListQuery, certificateParams, certificateView } from './schema.js';
import { checkCertificate, listIssuedCertificates, listMyCertificates } from './service.js';

const tags = ['recycling'];

export const certificateRoutes: ModulePlugin = async (app, { deps }) => {
  app.get('/recycling/certificates/mine', {
    config: { policy: { policy: certificatePolicy, action: 'listMine' } },
    schema: {
      tags,
      summary: 'The resident’s recycling certificates, newest first',
      querystring: certificateListQuery,
      response: { 200: pageOf(certificateView) },
    },
    handler: (req) => listMyCertificates(deps, req.ctx, req.query),
  });
  app.get('/recycling/certificates/issued', {
    config: { policy: { policy: certificatePolicy, action: 'listIssued' } },
    schema: {
      tags,
      summary: 'The certificates the recycler issued, newest first',
      querystring: certificateListQuery,
      response: { 200: pageOf(certificateView) },
    },
    handler: (req) => listIssuedCertificates(deps, req.ctx, req.query),
  });
  app.get('/recycling/certificates/:number', {
    config: { policy: { policy: certificatePolicy, action: 'check' } },
    schema: {
      tags,
      summary: 'Check a recycling certificate before citing it as an old-item proof (merchant, 市商务局, office)',
      description: '`valid`: it exists, is unused and within `recycling.certificateMaxAgeDays`. 404 for a number never issued.',
      params: certificateParams,
      response: { 200: certificateCheckView },
    },
    handler: (req) => checkCertificate(deps, req.ctx, req.params.number),
  });
};
