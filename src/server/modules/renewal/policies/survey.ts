import type { Actor } from '../../../core/context.js';
import { definePolicy, hasRole } from '../../../core/policy.js';
import { grantsIn, isManager, type Grants } from '../../platform/grants/policy.js';

/** What the rules look at; absent: "some record" (the route's check before the service loads it). */
export interface SurveyRecord {
  grants?: Grants;
  /** The enterprise organisation of the register row (null: an enterprise without an account). */
  organizationId?: number | null;
  /** The town of the register row. */
  townId?: number;
}

/** The register row's own enterprise. */
const ownRow = (a: Actor, r?: SurveyRecord) =>
  a.role === 'enterprise' && a.organizationId !== null && (r?.organizationId === undefined || r.organizationId === a.organizationId);
/** The register row's town. */
const ownTown = (a: Actor, r?: SurveyRecord) => a.role === 'town' && a.organizationId !== null && (r?.townId === undefined || r.townId === a.organizationId);
/** 市工信局 (renewal `manage`) and the office run the rounds and the register. */
const manager = (a: Actor, r?: SurveyRecord) => isManager(a, grantsIn(r));
/** Only for an enterprise without an account: one with an account answers for itself. */
const onBehalf = (a: Actor, r?: SurveyRecord) => manager(a, r) && (r === undefined || r.organizationId === undefined || r.organizationId === null);
const official = hasRole('office', 'department', 'auditor');

/**
 * The digitalisation survey: the manager opens and closes rounds and keeps the register; each enterprise in the
 * register answers for itself (or the manager records it for one without an account); the row's town checks or
 * returns it; the office, every department and auditors read the results.
 */
export const surveyPolicy = definePolicy<
  SurveyRecord,
  'listRounds' | 'manageRounds' | 'readRegister' | 'manageRegister' | 'mine' | 'respond' | 'queue' | 'read' | 'check' | 'results' | 'export'
>('renewal_survey', {
  listRounds: official,
  manageRounds: manager,
  readRegister: official,
  manageRegister: manager,
  mine: (a) => a.role === 'enterprise' && a.organizationId !== null,
  respond: (a, r) => ownRow(a, r) || onBehalf(a, r),
  queue: (a) => a.role === 'town' || official(a),
  read: (a, r) => ownRow(a, r) || ownTown(a, r) || official(a),
  check: ownTown,
  results: official,
  export: official,
});
