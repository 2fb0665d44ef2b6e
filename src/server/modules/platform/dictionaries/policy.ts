import { definePolicy, hasRole } from '../../../core/policy.js';

/**
 * The code lists are kept by the work team office and the system administrators; auditors read them. Forms
 * read the enabled items without any of these (GET /api/dictionaries/:code/items is public).
 * (Kept beside the feature rather than in ../policies so that the folder is the whole of it.)
 */
export const dictionaryPolicy = definePolicy<never, 'list' | 'read' | 'createItem' | 'updateItem' | 'deleteItem'>('dictionary_item', {
  list: hasRole('office', 'admin', 'auditor'),
  read: hasRole('office', 'admin', 'auditor'),
  createItem: hasRole('office', 'admin'),
  updateItem: hasRole('office', 'admin'),
  deleteItem: hasRole('office', 'admin'),
});
