import type { Actor } from '../../../core/context.js';
import { definePolicy, hasRole } from '../../../core/policy.js';
import { grantsIn, isManager, type Grants } from '../../platform/grants/policy.js';

/** What the rules look at: the dealer's town and linked enterprise, and whether it is trading. Absent: "some dealer". */
export interface DealerRecord {
  grants?: Grants;
  townId?: number;
  organizationId?: number | null;
  active?: boolean;
}

/** 市商务局 (recycling `manage`, and 市场监管局 where the office grants it) and the office keep the register. */
const registrar = (a: Actor, r?: DealerRecord) => isManager(a, grantsIn(r));
const ownTown = (a: Actor, r?: DealerRecord) => a.role === 'town' && (r?.townId === undefined || r.townId === a.organizationId);
/** An account of the dealer's own enterprise (enterprise, merchant or recycler accounts of that organisation). */
const member = (a: Actor, r?: DealerRecord) =>
  hasRole('enterprise', 'merchant', 'recycler')(a) &&
  a.organizationId !== null &&
  (r === undefined || r.organizationId === undefined || (r.organizationId !== null && r.organizationId === a.organizationId));
/** Departments (several supervise second-hand trade: 商务, 市场监管, 公安), the office and auditors read the register. */
const official = hasRole('office', 'department', 'auditor');

/**
 * Second-hand dealers and their trades. The register is kept by 市商务局 (recycling `manage`) and the office:
 * they register, change, suspend, reinstate and deregister a dealer. Departments, the office and auditors read
 * every dealer, a town its own town's, an enterprise the dealers linked to it. A dealer's own accounts record its
 * trades while it is active, and so may 市商务局; the same readers see them.
 */
export const dealerPolicy = definePolicy<DealerRecord, 'list' | 'listAll' | 'read' | 'export' | 'register' | 'update' | 'move' | 'recordTrade'>(
  'recycling_dealer',
  {
    list: (a) => official(a) || a.role === 'town' || member(a),
    /** Sees every dealer (a town is narrowed to its town, an enterprise to its own). */
    listAll: official,
    read: (a, r) => official(a) || ownTown(a, r) || member(a, r),
    export: (a) => official(a) || a.role === 'town',
    register: registrar,
    update: registrar,
    move: registrar,
    recordTrade: (a, r) => (r?.active === undefined || r.active) && (member(a, r) || (a.role !== 'auditor' && registrar(a, r))),
  },
);
