import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleOptions } from '../../../core/module.js';
import { dictionaryPolicy } from './policy.js';
import {
  createItemBody,
  deleteItemQuery,
  dictionaryDetail,
  dictionaryItemParams,
  dictionaryParams,
  dictionaryView,
  publicDictionaryItem,
  updateItemBody,
} from './schema.js';
import { createItem, deleteItem, enabledItems, getDictionary, listDictionaries, updateItem } from './service.js';

const tags = ['dictionaries'];

/** Code lists (字典) the modules declare and officials keep; forms read the enabled items. */
export const dictionaryRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { deps }) => {
  app.get('/dictionaries', {
    config: { policy: { policy: dictionaryPolicy, action: 'list' } },
    schema: { tags, summary: 'The dictionaries the modules declare', response: { 200: z.array(dictionaryView) } },
    handler: (req) => listDictionaries(deps, req.ctx),
  });
  app.get('/dictionaries/:code', {
    config: { policy: { policy: dictionaryPolicy, action: 'read' } },
    schema: {
      tags,
      summary: 'A dictionary with all its items (disabled ones too) and how often each code is used',
      params: dictionaryParams,
      response: { 200: dictionaryDetail },
    },
    handler: (req) => getDictionary(deps, req.ctx, req.params.code),
  });
  app.get('/dictionaries/:code/items', {
    // Registration and application forms read the lists before anyone is signed in.
    config: { policy: 'public' },
    schema: {
      tags,
      summary: 'The enabled items of a dictionary, in order (for forms)',
      params: dictionaryParams,
      response: { 200: z.array(publicDictionaryItem) },
    },
    handler: (req) => enabledItems(deps, req.params.code),
  });
  app.post('/dictionaries/:code/items', {
    config: { policy: { policy: dictionaryPolicy, action: 'createItem' } },
    schema: { tags, summary: 'Add an item; returns the dictionary', params: dictionaryParams, body: createItemBody, response: { 200: dictionaryDetail } },
    handler: (req) => createItem(deps, req.ctx, req.params.code, req.body),
  });
  app.patch('/dictionaries/:code/items/:item', {
    config: { policy: { policy: dictionaryPolicy, action: 'updateItem' } },
    schema: {
      tags,
      summary: 'Change an item’s labels, order, parent or enabled flag (409 VERSION_CONFLICT on a stale version); returns the dictionary',
      params: dictionaryItemParams,
      body: updateItemBody,
      response: { 200: dictionaryDetail },
    },
    handler: (req) => updateItem(deps, req.ctx, req.params.code, req.params.item, req.body),
  });
  app.delete('/dictionaries/:code/items/:item', {
    config: { policy: { policy: dictionaryPolicy, action: 'deleteItem' } },
    schema: {
      tags,
      summary: 'Remove an item no record uses (409 DICTIONARY_CODE_IN_USE otherwise: disable it); returns the dictionary',
      params: dictionaryItemParams,
      querystring: deleteItemQuery,
      response: { 200: dictionaryDetail },
    },
    handler: (req) => deleteItem(deps, req.ctx, req.params.code, req.params.item, req.query.version),
  });
};
