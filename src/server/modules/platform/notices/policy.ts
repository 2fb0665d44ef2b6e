import { definePolicy, hasRole, signedIn } from '../../../core/policy.js';

export interface NoticeRecord {
  id: number;
  /** Whether the notice is addressed to the actor (published to the public, to every unit, or to the actor's organisation). */
  addressedToActor: boolean;
  published: boolean;
  /** Addressed to the actor's organisation as a unit (every unit, or chosen): its reading is confirmed (签阅). */
  confirmable: boolean;
}

const isOffice = hasRole('office');
const readsAll = hasRole('office', 'auditor');
const isUnit = hasRole('department', 'town');

/**
 * Notices: the office drafts, edits, publishes and withdraws them and sees who confirmed; the auditor reads
 * everything; everyone else signed in reads the published notices addressed to them, and a department or town
 * confirms it has read one. Public notices are read without signing in (the public route).
 */
export const noticePolicy = definePolicy<NoticeRecord, 'list' | 'read' | 'create' | 'edit' | 'publish' | 'withdraw' | 'confirm' | 'readers'>('notice', {
  list: signedIn,
  read: (a, r) => readsAll(a) || (signedIn(a) && (r === undefined || (r.published && r.addressedToActor))),
  create: isOffice,
  edit: isOffice,
  publish: isOffice,
  withdraw: isOffice,
  confirm: (a, r) => isUnit(a) && (r === undefined || (r.published && r.confirmable)),
  readers: readsAll,
});
