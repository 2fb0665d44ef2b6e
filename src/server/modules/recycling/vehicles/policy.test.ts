import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../core/context.js';
import type { Role } from '../../../../shared/roles.js';
import { dismantlingQualificationPolicy } from '../policies/dismantlingQualification.js';
import { scrappedVehiclePolicy } from '../policies/vehicle.js';

const actor = (role: Role, organizationId = 7, userId = 70): Actor => ({
  kind: 'user',
  userId,
  username: role,
  role,
  organizationId,
  organizationKind: null,
  townId: null,
  sessionId: null,
});
const manage = { manage: true, confirmPayment: false };
const none = { manage: false, confirmPayment: false };

describe('the scrapped-vehicle and qualification policies, role by action', () => {
  it('vehicles: the dismantler acts on its own, supervisors read, the owner follows', () => {
    const own = { grants: none, dismantler_organization_id: 7 };
    const other = { grants: none, dismantler_organization_id: 8 };
    const rows: [Role, string, typeof own, boolean][] = [
      ['recycler', 'record', own, true],
      ['department', 'record', { ...own, grants: manage }, false],
      ['recycler', 'advance', own, true],
      ['recycler', 'advance', other, false],
      ['recycler', 'read', other, false],
      ['recycler', 'correct', own, true],
      ['recycler', 'withdraw', other, false],
      ['department', 'read', { ...other, grants: manage }, true],
      ['department', 'read', { ...other, grants: none }, false],
      ['department', 'advance', { ...other, grants: manage }, false],
      ['office', 'export', other, true],
      ['auditor', 'listAll', other, true],
      ['auditor', 'advance', other, false],
      ['town', 'list', other, false],
      ['enterprise', 'record', own, false],
      ['merchant', 'read', other, false],
      ['resident', 'read', { ...other, ownedByActor: true } as typeof own, true],
      ['resident', 'read', other, false],
      ['resident', 'listMine', other, true],
      ['recycler', 'listMine', own, false],
    ];
    for (const [role, action, record, allowed] of rows)
      expect([role, action, scrappedVehiclePolicy.can(actor(role), action as never, record)]).toEqual([role, action, allowed]);
  });

  it('qualifications: 市商务局 and the office register and revoke; supervisors and recyclers read', () => {
    const rows: [Role, 'list' | 'register' | 'revoke', typeof manage, boolean][] = [
      ['department', 'register', manage, true],
      ['department', 'register', none, false],
      ['office', 'revoke', none, true],
      ['auditor', 'register', none, false],
      ['auditor', 'list', none, true],
      ['recycler', 'list', none, true],
      ['recycler', 'register', none, false],
      ['town', 'list', none, false],
      ['resident', 'list', none, false],
    ];
    for (const [role, action, grants, allowed] of rows)
      expect([role, action, dismantlingQualificationPolicy.can(actor(role), action, { grants })]).toEqual([role, action, allowed]);
  });
});
