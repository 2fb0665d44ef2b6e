import type { ModulePlugin } from '../../../core/module.js';
import { sendXlsx } from '../../../http/excel.js';
import { idParams, pageOf, pageQuery } from '../../../http/schema.js';
import { confirmOnlineOrder, declineOnlineOrder, listMyOnlineOrders } from './confirm.js';
import { onlineOrdersWorkbook } from './export.js';
import { cancelOnlineOrder, enterOnlineOrder, listOnlineOrders } from './orders.js';
import { onlineOrderPolicy, onlineStorePolicy } from './policy.js';
import {
  exportOnlineOrdersQuery,
  listOnlineOrdersQuery,
  listOnlineStoresQuery,
  onlineOrderInput,
  onlineOrderView,
  onlineStoreInput,
  onlineStoreUpdate,
  onlineStoreView,
} from './schema.js';
import { closeOnlineStore, createOnlineStore, listOnlineStores, updateOnlineStore } from './stores.js';

const tags = ['trade-in online'];

/** Online stores and orders. */
export const onlineRoutes: ModulePlugin = async (app, { deps }) => {
  app.post('/tradein/online-stores', {
    config: { policy: { policy: onlineStorePolicy, action: 'create' } },
    schema: {
      tags,
      summary: 'Enrol an online store under one of my enrolments (enterprise administrator or merchant staff)',
      description: '409 DUPLICATE (field shopUrl) when the shop is already enrolled on that platform.',
      body: onlineStoreInput,
      response: { 201: onlineStoreView },
    },
    handler: async (req, reply) => reply.code(201).send(await createOnlineStore(deps, req.ctx, req.body)),
  });
  app.get('/tradein/online-stores', {
    config: { policy: { policy: onlineStorePolicy, action: 'list' } },
    schema: {
      tags,
      summary: 'Online stores (a business sees its own; supervisors all, by organisation, platform, status)',
      querystring: listOnlineStoresQuery,
      response: { 200: pageOf(onlineStoreView) },
    },
    handler: (req) => listOnlineStores(deps, req.ctx, req.query),
  });
  app.patch('/tradein/online-stores/:id', {
    config: { policy: { policy: onlineStorePolicy, action: 'update' } },
    schema: {
      tags,
      summary: 'Change an online store’s platform, name, address or categories',
      params: idParams,
      body: onlineStoreUpdate,
      response: { 200: onlineStoreView },
    },
    handler: (req) => updateOnlineStore(deps, req.ctx, req.params.id, req.body),
  });
  app.post('/tradein/online-stores/:id/close', {
    config: { policy: { policy: onlineStorePolicy, action: 'close' } },
    schema: { tags, summary: 'Close an online store (no new orders)', params: idParams, response: { 200: onlineStoreView } },
    handler: (req) => closeOnlineStore(deps, req.ctx, req.params.id),
  });

  app.post('/tradein/online-orders', {
    config: { policy: { policy: onlineOrderPolicy, action: 'create' } },
    schema: {
      tags,
      summary: 'Enter an online order against a resident’s voucher (merchant staff); the resident confirms it on their phone',
      description:
        '400 deliveryTownId / deliveryAddress field.tradein.deliveryOutsideCity; 409 ORDER_NUMBER_USED (field orderNumber), ORDER_AWAITING_CONFIRMATION, ONLINE_STORE_CATEGORY, VOUCHER_NOT_ACTIVE, VOUCHER_EXPIRED, VOUCHER_CATEGORY_MISMATCH, MERCHANT_NOT_ENROLLED, PRICE_ABOVE_CEILING, PRODUCT_NOT_ELIGIBLE, SERIAL_ALREADY_SUBSIDISED, INVOICE_ALREADY_USED.',
      body: onlineOrderInput,
      response: { 201: onlineOrderView },
    },
    handler: async (req, reply) => reply.code(201).send(await enterOnlineOrder(deps, req.ctx, req.body)),
  });
  app.get('/tradein/online-orders', {
    config: { policy: { policy: onlineOrderPolicy, action: 'list' } },
    schema: {
      tags,
      summary: 'Online orders (a business sees its own with addresses; supervisors all, addresses masked)',
      querystring: listOnlineOrdersQuery,
      response: { 200: pageOf(onlineOrderView) },
    },
    handler: (req) => listOnlineOrders(deps, req.ctx, req.query),
  });
  app.get('/tradein/online-orders/export', {
    config: { policy: { policy: onlineOrderPolicy, action: 'export' } },
    schema: { tags, summary: 'Online orders as an Excel workbook (the list’s filters)', querystring: exportOnlineOrdersQuery },
    handler: async (req, reply) => {
      const file = await onlineOrdersWorkbook(deps, req.ctx, req.query);
      return sendXlsx(reply, file.filename, file.buffer);
    },
  });
  app.get('/tradein/online-orders/mine', {
    config: { policy: { policy: onlineOrderPolicy, action: 'listMine' } },
    schema: { tags, summary: 'My online orders, newest first (resident)', querystring: pageQuery, response: { 200: pageOf(onlineOrderView) } },
    handler: (req) => listMyOnlineOrders(deps, req.ctx, req.query),
  });
  app.post('/tradein/online-orders/:id/confirm', {
    config: { policy: { policy: onlineOrderPolicy, action: 'confirm' } },
    schema: {
      tags,
      summary: 'Confirm my online order: the sale is made and the voucher used (resident)',
      description: '409 ORDER_EXPIRED (the order is marked expired, the voucher stays), INVALID_STATE, and every refusal of a sale.',
      params: idParams,
      response: { 200: onlineOrderView },
    },
    handler: (req) => confirmOnlineOrder(deps, req.ctx, req.params.id),
  });
  app.post('/tradein/online-orders/:id/decline', {
    config: { policy: { policy: onlineOrderPolicy, action: 'decline' } },
    schema: { tags, summary: 'Decline my online order; the voucher stays mine (resident)', params: idParams, response: { 200: onlineOrderView } },
    handler: (req) => declineOnlineOrder(deps, req.ctx, req.params.id),
  });
  app.post('/tradein/online-orders/:id/cancel', {
    config: { policy: { policy: onlineOrderPolicy, action: 'cancel' } },
    schema: { tags, summary: 'Cancel an order the resident has not confirmed (merchant staff)', params: idParams, response: { 200: onlineOrderView } },
    handler: (req) => cancelOnlineOrder(deps, req.ctx, req.params.id),
  });
};
