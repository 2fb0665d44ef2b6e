import { z } from 'zod';
import type { ModulePlugin } from '../../../core/module.js';
import { translate } from '../../../core/messages.js';
import { shanghaiDate, shanghaiMinute } from '../../../core/time.js';
import { sendXlsx, workbookBuffer } from '../../../http/excel.js';
import { idParams, pageOf, positiveId } from '../../../http/schema.js';
import { contentQuery, sendAttachment } from '../../platform/attachments/content.js';
import { timelineItemView } from '../../platform/timeline/schema.js';
import { afterSalesMetrics } from '../aftersales/metrics.js';
import { fulfilmentMetrics } from './metrics.js';
import { fulfilmentPolicy } from './policy.js';
import { saleServiceQuery, saleServiceSummary, saleServiceView } from './summary.js';
import { fulfilmentView, listFulfilmentsQuery, recordDeliveryBody, recordInstallationBody, type FulfilmentView } from './schema.js';
import { confirmDelivery, fulfilmentsForExport, getFulfilment, listFulfilments, readFulfilmentPhoto, recordDelivery, recordInstallation } from './service.js';

const tags = ['trade-in delivery and installation'];
const EXPORT_MAX_ROWS = 50_000;

/** Delivery and installation before settlement: the merchant's records, the resident's confirmation, the lists. */
export const fulfilmentRoutes: ModulePlugin = async (app, { deps }) => {
  app.get('/tradein/fulfilments', {
    config: { policy: { policy: fulfilmentPolicy, action: 'list' } },
    schema: {
      tags,
      summary: 'Sales to deliver and install (a merchant sees its own; supervisors all; `overdue=true` for the late ones)',
      querystring: listFulfilmentsQuery,
      response: { 200: pageOf(fulfilmentView) },
    },
    handler: (req) => listFulfilments(deps, req.ctx, req.query),
  });
  app.get('/tradein/fulfilments/export', {
    config: { policy: { policy: fulfilmentPolicy, action: 'list' } },
    schema: { tags, summary: 'The filtered sales as Excel (at most 50,000 rows)', querystring: listFulfilmentsQuery.omit({ page: true, pageSize: true }) },
    handler: async (req, reply) => {
      const rows = await fulfilmentsForExport(deps, req.ctx, req.query, EXPORT_MAX_ROWS);
      const l = req.ctx.locale;
      const h = (key: Parameters<typeof translate>[1]) => translate(l, key);
      const when = (v: string | null) => (v ? shanghaiMinute(v) : null);
      const buffer = await workbookBuffer<FulfilmentView>({
        name: h('tradein.fulfilment.export.sheet'),
        columns: [
          { header: h('tradein.fulfilment.export.sale'), value: (r) => r.redemptionId, width: 10 },
          { header: h('tradein.fulfilment.export.merchant'), value: (r) => r.merchantName, width: 24 },
          { header: h('tradein.fulfilment.export.channel'), value: (r) => h(`tradein.channel.${r.channel}`), width: 10 },
          { header: h('tradein.fulfilment.export.order'), value: (r) => r.orderNumber, width: 20 },
          { header: h('tradein.fulfilment.export.product'), value: (r) => r.product, width: 24 },
          { header: h('tradein.fulfilment.export.serial'), value: (r) => r.serialNumber, width: 20 },
          { header: h('tradein.fulfilment.export.subsidy'), value: (r) => r.subsidy / 100, width: 12 },
          { header: h('tradein.fulfilment.export.status'), value: (r) => h(`tradein.fulfilment.status.${r.status}`), width: 12 },
          { header: h('tradein.fulfilment.export.town'), value: (r) => r.deliveryTownName, width: 12 },
          { header: h('tradein.fulfilment.export.soldAt'), value: (r) => when(r.soldAt), width: 18 },
          { header: h('tradein.fulfilment.export.dueAt'), value: (r) => when(r.dueAt), width: 18 },
          { header: h('tradein.fulfilment.export.overdue'), value: (r) => (r.overdue ? h('tradein.fulfilment.overdue') : ''), width: 10 },
          { header: h('tradein.fulfilment.export.deliveredAt'), value: (r) => when(r.deliveredAt), width: 18 },
          { header: h('tradein.fulfilment.export.installedAt'), value: (r) => when(r.installedAt), width: 18 },
          { header: h('tradein.fulfilment.export.settleableAt'), value: (r) => when(r.settleableAt), width: 18 },
        ],
        rows,
      });
      return sendXlsx(reply, `${h('tradein.fulfilment.export.sheet')}-${shanghaiDate()}.xlsx`, buffer);
    },
  });
  app.get('/tradein/fulfilments/summary', {
    config: { policy: { policy: fulfilmentPolicy, action: 'summary' } },
    schema: {
      tags,
      summary:
        'Online share, delivery and installation times, late deliveries, complaint rate, response time and satisfaction in a window (this year by default)',
      querystring: saleServiceQuery,
      response: { 200: saleServiceView },
    },
    handler: (req) => saleServiceSummary(deps, req.ctx, [...fulfilmentMetrics, ...afterSalesMetrics], req.query),
  });
  app.get('/tradein/fulfilments/:id', {
    config: { policy: { policy: fulfilmentPolicy, action: 'read' } },
    schema: {
      tags,
      summary: 'One sale’s delivery and installation, with its timeline (`id` is the redemption’s)',
      params: idParams,
      response: {
        200: fulfilmentView.extend({
          photos: z.array(
            z.object({
              kind: z.enum(['delivery', 'installation']),
              id: z.number().int(),
              filename: z.string(),
              mimeType: z.string(),
              sizeBytes: z.number().int(),
            }),
          ),
          timeline: z.array(timelineItemView),
        }),
      },
    },
    handler: (req) => getFulfilment(deps, req.ctx, req.params.id),
  });
  app.get('/tradein/fulfilments/:id/photos/:attachmentId', {
    config: { policy: { policy: fulfilmentPolicy, action: 'read' } },
    schema: {
      tags,
      summary: 'Open the photo of a delivery or installation (inline; ?download=1 to save); audited',
      params: idParams.extend({ attachmentId: positiveId }),
      querystring: contentQuery,
    },
    handler: async (req, reply) =>
      sendAttachment(reply, await readFulfilmentPhoto(deps, req.ctx, req.params.id, req.params.attachmentId, req.query.download), req.query),
  });
  app.post('/tradein/fulfilments/:id/deliver', {
    config: { policy: { policy: fulfilmentPolicy, action: 'recordDelivery' } },
    schema: {
      tags,
      summary: 'The merchant records the delivery with a photo of the signed receipt; a sale not to be installed becomes settleable',
      params: idParams,
      body: recordDeliveryBody,
      response: { 200: fulfilmentView },
    },
    handler: (req) => recordDelivery(deps, req.ctx, req.params.id, req.body.attachmentId),
  });
  app.post('/tradein/fulfilments/:id/confirm-delivery', {
    config: { policy: { policy: fulfilmentPolicy, action: 'confirmDelivery' } },
    schema: {
      tags,
      summary: 'The resident confirms on their phone that the purchase was delivered',
      params: idParams,
      response: { 200: fulfilmentView },
    },
    handler: (req) => confirmDelivery(deps, req.ctx, req.params.id),
  });
  app.post('/tradein/fulfilments/:id/install', {
    config: { policy: { policy: fulfilmentPolicy, action: 'recordInstallation' } },
    schema: {
      tags,
      summary: 'The installer’s record with a photo: installed, and with it settleable',
      params: idParams,
      body: recordInstallationBody,
      response: { 200: fulfilmentView },
    },
    handler: (req) => recordInstallation(deps, req.ctx, req.params.id, req.body),
  });
};
