import type { Actor } from '../../../core/context.js';
import { definePolicy, hasRole } from '../../../core/policy.js';
import { grantsIn, isManager, isSupervisor, type Grants } from '../../platform/grants/policy.js';

export interface ProjectRecord {
  grants?: Grants;
  organization_id?: number;
  town_id?: number;
}

const enterprise = hasRole('enterprise');
/** The enterprise (or public body) whose project it is. */
const owner = (a: Actor, r?: ProjectRecord) => enterprise(a) && a.organizationId !== null && (r === undefined || r.organization_id === a.organizationId);
/** An account of the project's town. */
const town = (a: Actor, r?: ProjectRecord) => a.role === 'town' && a.organizationId !== null && (r === undefined || r.town_id === a.organizationId);
/** The department granted renewal `manage` (市工信局 by default) and the office: they approve into the library. */
const manager = (a: Actor, r?: ProjectRecord) => isManager(a, grantsIn(r));
/** Managers, 市财政局 (renewal `confirm_payment`, it pays the projects' funding) and auditors read every project. */
const supervisor = (a: Actor, r?: ProjectRecord) => isSupervisor(a, grantsIn(r));

/**
 * Renewal projects: an enterprise registers, edits and submits its own, starts and completes them; its town
 * checks what is submitted there; the renewal manager approves into the library (or returns), imports a
 * department's existing list and reads everything, as do 市财政局 and auditors. A town reads its town's projects.
 */
export const projectPolicy = definePolicy<
  ProjectRecord,
  'create' | 'listMine' | 'update' | 'submit' | 'start' | 'complete' | 'listTown' | 'townCheck' | 'approve' | 'listAll' | 'read' | 'import'
>('renewal_project', {
  create: enterprise,
  listMine: enterprise,
  update: owner,
  submit: owner,
  start: owner,
  complete: owner,
  listTown: hasRole('town'),
  townCheck: town,
  approve: manager,
  listAll: supervisor,
  read: (a, r) => owner(a, r) || town(a, r) || supervisor(a, r),
  import: manager,
});
