import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type Actor } from '../../../core/context.js';
import { ROLES, type Role } from '../../../../shared/roles.js';
import { apiTokenPolicy } from './apiToken.js';
import { auditPolicy } from './audit.js';
import { organizationPolicy } from './organization.js';
import { sessionPolicy } from './session.js';
import { userPolicy } from './user.js';
import { parameterPolicy } from '../parameters/policy.js';

const TOWN_A = 101;
const TOWN_B = 102;
const ENTERPRISE_ORG = 500;

function actor(role: Role): Actor {
  const org = {
    office: 1,
    department: 2,
    town: TOWN_A,
    enterprise: ENTERPRISE_ORG,
    merchant: ENTERPRISE_ORG,
    recycler: ENTERPRISE_ORG,
    resident: 9,
    auditor: 1,
    admin: 1,
    security: 1,
  }[role];
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
    townId: role === 'town' ? TOWN_A : ['enterprise', 'merchant', 'recycler'].includes(role) ? TOWN_A : null,
    sessionId: 's',
  };
}

/** Expected answers, written out by hand: the roles that may, per action. */
const allowed = (roles: Role[]) => new Set(roles);

describe('platform policies: role × action', () => {
  const matrix: [string, (a: Actor) => boolean, Set<Role>][] = [
    ['organization.list', (a) => organizationPolicy.can(a, 'list'), allowed(['office', 'department', 'auditor', 'admin', 'town'])],
    ['organization.export', (a) => organizationPolicy.can(a, 'export'), allowed(['office', 'department', 'auditor', 'admin', 'town'])],
    [
      'organization.review (enterprise in town A)',
      (a) => organizationPolicy.can(a, 'review', { id: 600, kind: 'enterprise', town_id: TOWN_A }),
      allowed(['office', 'town']),
    ],
    [
      'organization.review (enterprise in town B)',
      (a) => organizationPolicy.can(a, 'review', { id: 601, kind: 'enterprise', town_id: TOWN_B }),
      allowed(['office']),
    ],
    [
      'organization.update (town B itself)',
      (a) => organizationPolicy.can(a, 'update', { id: TOWN_B, kind: 'town', town_id: null }),
      allowed(['office', 'admin']),
    ],
    [
      'organization.update (own enterprise)',
      (a) => organizationPolicy.can(a, 'update', { id: ENTERPRISE_ORG, kind: 'enterprise', town_id: TOWN_A }),
      allowed(['office', 'admin', 'town', 'enterprise', 'merchant', 'recycler']),
    ],
    [
      'organization.read (enterprise in town B)',
      (a) => organizationPolicy.can(a, 'read', { id: 601, kind: 'enterprise', town_id: TOWN_B }),
      allowed(['office', 'department', 'auditor', 'admin']),
    ],
    [
      'organization.read (a department)',
      (a) => organizationPolicy.can(a, 'read', { id: 2, kind: 'department', town_id: null }),
      allowed(['office', 'department', 'auditor', 'admin', 'town']),
    ],
    [
      'organization.suspend (enterprise in town A)',
      (a) => organizationPolicy.can(a, 'suspend', { id: 600, kind: 'enterprise', town_id: TOWN_A }),
      allowed(['admin', 'town']),
    ],
    ['organization.suspend (a department)', (a) => organizationPolicy.can(a, 'suspend', { id: 2, kind: 'department', town_id: null }), allowed(['admin'])],
    ['user.list', (a) => userPolicy.can(a, 'list'), allowed(['admin', 'auditor', 'security'])],
    ['user.create', (a) => userPolicy.can(a, 'create'), allowed(['admin'])],
    ['user.disable', (a) => userPolicy.can(a, 'disable'), allowed(['admin'])],
    ['user.resetPassword', (a) => userPolicy.can(a, 'resetPassword'), allowed(['admin'])],
    ['session.list', (a) => sessionPolicy.can(a, 'list'), allowed(['admin', 'auditor'])],
    ['session.end', (a) => sessionPolicy.can(a, 'end'), allowed(['admin'])],
    ['user.update', (a) => userPolicy.can(a, 'update'), allowed(['admin'])],
    ['user.changeRole', (a) => userPolicy.can(a, 'changeRole'), allowed(['admin'])],
    ['user.enable', (a) => userPolicy.can(a, 'enable'), allowed(['admin'])],
    ['user.import', (a) => userPolicy.can(a, 'import'), allowed(['admin'])],
    ['apiToken.list', (a) => apiTokenPolicy.can(a, 'list'), allowed(['admin', 'auditor'])],
    ['apiToken.create', (a) => apiTokenPolicy.can(a, 'create'), allowed(['admin'])],
    ['apiToken.revoke', (a) => apiTokenPolicy.can(a, 'revoke'), allowed(['admin'])],
    ['audit.read', (a) => auditPolicy.can(a, 'read'), allowed(['auditor', 'office'])],
    ['audit.verify', (a) => auditPolicy.can(a, 'verify'), allowed(['auditor', 'office'])],
    ['audit.export', (a) => auditPolicy.can(a, 'export'), allowed(['auditor', 'office'])],
    ['audit.readLogins', (a) => auditPolicy.can(a, 'readLogins'), allowed(['auditor', 'office', 'security', 'admin'])],
    ['parameter.list', (a) => parameterPolicy.can(a, 'list'), allowed(['office', 'security', 'auditor', 'admin'])],
    ['parameter.history', (a) => parameterPolicy.can(a, 'history'), allowed(['office', 'security', 'auditor', 'admin'])],
    ['parameter.set (at the route)', (a) => parameterPolicy.can(a, 'set'), allowed(['office', 'security'])],
    ['parameter.set (a security parameter)', (a) => parameterPolicy.can(a, 'set', { security: true }), allowed(['security'])],
    ['parameter.set (a business parameter)', (a) => parameterPolicy.can(a, 'set', { security: false }), allowed(['office'])],
    ['parameter.reset (a security parameter)', (a) => parameterPolicy.can(a, 'reset', { security: true }), allowed(['security'])],
    ['parameter.reset (a business parameter)', (a) => parameterPolicy.can(a, 'reset', { security: false }), allowed(['office'])],
  ];

  for (const [name, check, roles] of matrix) {
    it(name, () => {
      const answers = Object.fromEntries(ROLES.map((r) => [r, check(actor(r))]));
      const expected = Object.fromEntries(ROLES.map((r) => [r, roles.has(r)]));
      expect(answers).toEqual(expected);
      expect(check(ANONYMOUS)).toBe(false);
    });
  }

  it('covers every action of every platform policy', () => {
    const covered = new Set(matrix.map(([name]) => name.split(' ')[0]));
    for (const policy of [organizationPolicy, userPolicy, sessionPolicy, apiTokenPolicy, auditPolicy, parameterPolicy]) {
      const prefix = policy.resource === 'api_token' ? 'apiToken' : policy.resource === 'system_parameter' ? 'parameter' : policy.resource;
      const uncovered = policy.actions.filter((a) => !covered.has(`${prefix}.${a}`));
      expect(uncovered, policy.resource).toEqual([]);
    }
  });
});
