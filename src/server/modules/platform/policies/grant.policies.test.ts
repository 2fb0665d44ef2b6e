import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type Actor } from '../../../core/context.js';
import { ROLES, type Role } from '../../../../shared/roles.js';
import { NO_GRANTS, isManager, isPayer, isSupervisor, type Grants } from '../grants/policy.js';
import { grantPolicy } from './grant.js';

function actor(role: Role): Actor {
  const org = { office: 1, department: 2, town: 101, enterprise: 500, merchant: 500, recycler: 500, resident: 9, auditor: 1, admin: 1, security: 1 }[role];
  return {
    kind: 'user',
    userId: 42,
    username: role,
    role,
    organizationId: org,
    organizationKind:
      role === 'town'
        ? 'town'
        : ['enterprise', 'merchant', 'recycler'].includes(role)
          ? 'enterprise'
          : role === 'resident'
            ? 'public'
            : role === 'department'
              ? 'department'
              : 'office',
    townId: role === 'town' ? 101 : ['enterprise', 'merchant', 'recycler'].includes(role) ? 101 : null,
    sessionId: 's',
  };
}

describe('grant policy: role × action', () => {
  const matrix: [string, Role[]][] = [
    ['list', ['office', 'department', 'auditor']],
    ['listDomains', ['office', 'department', 'auditor']],
    ['listMine', ['office', 'department', 'town', 'auditor', 'admin', 'security']],
    ['grant', ['office']],
    ['revoke', ['office']],
  ];
  for (const [action, roles] of matrix) {
    it(`organization_grant.${action}`, () => {
      const answers = Object.fromEntries(ROLES.map((r) => [r, grantPolicy.can(actor(r), action as never)]));
      expect(answers).toEqual(Object.fromEntries(ROLES.map((r) => [r, roles.includes(r)])));
      expect(grantPolicy.can(ANONYMOUS, action as never)).toBe(false);
    });
  }

  it('covers every action', () => {
    expect([...grantPolicy.actions].sort()).toEqual(matrix.map(([a]) => a).sort());
  });
});

/**
 * The helpers every module's policies are written with. Expected answers by hand: per role with no grants, and
 * for a department holding `manage`, `confirm_payment`, nothing, or unknown yet (no record: at the route).
 */
describe('grant helpers: role × grants', () => {
  const MANAGE: Grants = { manage: true, confirmPayment: false };
  const FINANCE: Grants = { manage: false, confirmPayment: true };
  const rows: [string, (a: Actor, g?: Grants) => boolean, Role[], { manage: boolean; finance: boolean; none: boolean; route: boolean }][] = [
    ['isManager', (a, g) => isManager(a, g && { grants: g }), ['office'], { manage: true, finance: false, none: false, route: true }],
    ['isSupervisor', (a, g) => isSupervisor(a, g && { grants: g }), ['office', 'auditor'], { manage: true, finance: true, none: false, route: true }],
    ['isPayer', (a, g) => isPayer(a, g && { grants: g }), [], { manage: false, finance: true, none: false, route: true }],
  ];
  for (const [name, check, roles, department] of rows) {
    it(name, () => {
      const others = ROLES.filter((r) => r !== 'department');
      expect(Object.fromEntries(others.map((r) => [r, check(actor(r), NO_GRANTS)]))).toEqual(Object.fromEntries(others.map((r) => [r, roles.includes(r)])));
      const d = actor('department');
      expect({ manage: check(d, MANAGE), finance: check(d, FINANCE), none: check(d, NO_GRANTS), route: check(d) }).toEqual(department);
      expect(check(ANONYMOUS, NO_GRANTS)).toBe(false);
      expect(check(ANONYMOUS)).toBe(false);
    });
  }
});
