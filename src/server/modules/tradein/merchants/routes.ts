import { z } from 'zod';
import type { ModulePlugin } from '../../../core/module.js';
import { merchantPolicy } from '../policies/merchant.js';
import { productPolicy } from '../policies/product.js';
import { staffPolicy } from '../policies/staff.js';
import {
  applyBody,
  listMerchantsQuery,
  listProductsQuery,
  merchantView,
  productInput,
  productUpdate,
  productView,
  publicCategoriesView,
  publicMerchantPage,
  publicMerchantsQuery,
  reasonBody,
  reviewBody,
  staffBody,
  staffView,
} from './schema.js';
import { applyAsMerchant, getMerchant, listMerchants, reviewMerchant } from './merchants.js';
import { findStores, publicCategories } from './storeFinder.js';
import { createProduct, listProducts, updateProduct } from './products.js';
import { createStaff, listStaff, setStaffStatus } from './staff.js';
import { idParams } from '../../../http/schema.js';

const tags = ['trade-in merchants'];

export const merchantRoutes: ModulePlugin = async (app, { deps }) => {
  app.post('/tradein/merchants', {
    config: { policy: { policy: merchantPolicy, action: 'apply' } },
    schema: { tags, summary: 'Apply to take part in a programme (active enterprise)', body: applyBody, response: { 201: merchantView } },
    handler: async (req, reply) => reply.code(201).send(await applyAsMerchant(deps, req.ctx, req.body)),
  });
  app.get('/tradein/merchants', {
    config: { policy: { policy: merchantPolicy, action: 'list' } },
    schema: { tags, summary: 'Merchant enrolments (a business sees its own)', querystring: listMerchantsQuery, response: { 200: z.array(merchantView) } },
    handler: (req) => listMerchants(deps, req.ctx, req.query),
  });
  app.get('/tradein/merchants/:id', {
    config: { policy: { policy: merchantPolicy, action: 'read' } },
    schema: { tags, summary: 'One enrolment', params: idParams, response: { 200: merchantView } },
    handler: (req) => getMerchant(deps, req.ctx, req.params.id),
  });
  app.post('/tradein/merchants/:id/approve', {
    config: { policy: { policy: merchantPolicy, action: 'review' } },
    schema: { tags, summary: 'Approve an application', params: idParams, body: reviewBody, response: { 200: merchantView } },
    handler: (req) => reviewMerchant(deps, req.ctx, req.params.id, 'approve', req.body.note),
  });
  app.post('/tradein/merchants/:id/reject', {
    config: { policy: { policy: merchantPolicy, action: 'review' } },
    schema: { tags, summary: 'Reject an application with a reason', params: idParams, body: reasonBody, response: { 200: merchantView } },
    handler: (req) => reviewMerchant(deps, req.ctx, req.params.id, 'reject', req.body.note),
  });
  app.post('/tradein/merchants/:id/suspend', {
    config: { policy: { policy: merchantPolicy, action: 'suspend' } },
    schema: { tags, summary: 'Suspend an enrolled merchant with a reason', params: idParams, body: reasonBody, response: { 200: merchantView } },
    handler: (req) => reviewMerchant(deps, req.ctx, req.params.id, 'suspend', req.body.note),
  });
  app.post('/tradein/merchants/:id/resume', {
    config: { policy: { policy: merchantPolicy, action: 'resume' } },
    schema: { tags, summary: 'Resume a suspended merchant', params: idParams, body: reviewBody, response: { 200: merchantView } },
    handler: (req) => reviewMerchant(deps, req.ctx, req.params.id, 'resume', req.body.note),
  });
  app.get('/tradein/public/merchants', {
    config: { policy: 'public' },
    schema: {
      tags,
      summary: 'Store finder (public): approved merchants of active programmes by town, category and name, paged',
      querystring: publicMerchantsQuery,
      response: { 200: publicMerchantPage },
    },
    // Public lists read from the replica when current (db/replica.ts): nobody reads back there what they just wrote.
    handler: async (req) => deps.reads.read((db) => findStores(deps, req.query, db)),
  });
  app.get('/tradein/public/categories', {
    config: { policy: 'public' },
    schema: { tags, summary: 'Categories of the active programmes (public, for the store finder)', response: { 200: publicCategoriesView } },
    handler: async () => deps.reads.read((db) => publicCategories(deps, db)),
  });

  app.get('/tradein/products', {
    config: { policy: { policy: productPolicy, action: 'list' } },
    schema: { tags, summary: 'Product catalogue (a merchant’s own)', querystring: listProductsQuery, response: { 200: z.array(productView) } },
    handler: (req) => listProducts(deps, req.ctx, req.query),
  });
  app.post('/tradein/products', {
    config: { policy: { policy: productPolicy, action: 'create' } },
    schema: { tags, summary: 'Add a product to the catalogue', body: productInput, response: { 201: productView } },
    handler: async (req, reply) => reply.code(201).send(await createProduct(deps, req.ctx, req.body)),
  });
  app.patch('/tradein/products/:id', {
    config: { policy: { policy: productPolicy, action: 'update' } },
    schema: { tags, summary: 'Change a product’s grade, reference price or status', params: idParams, body: productUpdate, response: { 200: productView } },
    handler: (req) => updateProduct(deps, req.ctx, req.params.id, req.body),
  });

  app.get('/tradein/staff', {
    config: { policy: { policy: merchantPolicy, action: 'manageStaff' } },
    schema: { tags, summary: 'Merchant staff accounts of my enterprise', response: { 200: z.array(staffView) } },
    handler: (req) => listStaff(deps, req.ctx),
  });
  app.post('/tradein/staff', {
    config: { policy: { policy: merchantPolicy, action: 'manageStaff' } },
    schema: { tags, summary: 'Create a merchant staff account (must change the password at first sign-in)', body: staffBody, response: { 201: staffView } },
    handler: async (req, reply) => reply.code(201).send(await createStaff(deps, req.ctx, req.body)),
  });
  app.post('/tradein/staff/:id/disable', {
    config: { policy: { policy: staffPolicy, action: 'setStatus' } },
    schema: {
      tags,
      summary: 'Disable a staff account of my enterprise and end its sessions (enterprise administrator)',
      params: idParams,
      response: { 200: staffView },
    },
    handler: (req) => setStaffStatus(deps, req.ctx, req.params.id, 'disabled'),
  });
  app.post('/tradein/staff/:id/enable', {
    config: { policy: { policy: staffPolicy, action: 'setStatus' } },
    schema: { tags, summary: 'Enable a disabled staff account of my enterprise (enterprise administrator)', params: idParams, response: { 200: staffView } },
    handler: (req) => setStaffStatus(deps, req.ctx, req.params.id, 'active'),
  });
};
