import { definePolicy, signedIn } from '../../../core/policy.js';
import { isManager, isSupervisor, type WithGrants } from '../../platform/grants/policy.js';

export type CarProgramRecord = WithGrants;

/** Car programmes and their rules: everybody signed in reads them (residents apply under them); managers change them. */
export const carProgramPolicy = definePolicy<CarProgramRecord, 'list' | 'read' | 'create' | 'update' | 'setRule' | 'readHistory'>('cartradein_program', {
  list: signedIn,
  read: signedIn,
  create: isManager,
  update: isManager,
  setRule: isManager,
  readHistory: isSupervisor,
});
