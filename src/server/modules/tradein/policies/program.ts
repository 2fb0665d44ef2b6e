import { definePolicy, signedIn } from '../../../core/policy.js';
import { isManager, isSupervisor, type WithGrants } from '../../platform/grants/policy.js';

export type ProgramRecord = WithGrants;

/** Programmes and their rules: everybody signed in reads them; managers change them. */
export const programPolicy = definePolicy<ProgramRecord, 'list' | 'read' | 'create' | 'update' | 'setRule' | 'readHistory'>('tradein_program', {
  list: signedIn,
  read: signedIn,
  create: isManager,
  update: isManager,
  setRule: isManager,
  readHistory: isSupervisor,
});
