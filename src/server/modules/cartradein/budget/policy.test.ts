import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../core/context.js';
import { ROLES, type Role } from '../../../../shared/roles.js';
import type { Grants } from '../../platform/grants/policy.js';
import { carBudgetPolicy } from '../policies/budget.js';

const actor = (role: Role): Actor => ({
  kind: 'user',
  userId: 42,
  username: role,
  role,
  organizationId: 1,
  organizationKind: role === 'department' ? 'department' : 'office',
  townId: null,
  sessionId: 's',
});

const GRANTS: Record<string, Grants> = {
  manage: { manage: true, confirmPayment: false },
  finance: { manage: false, confirmPayment: true },
  other: { manage: false, confirmPayment: false },
};

/** Role × action of the car budget: who sets it (managers), who reads it and its history (supervisors). */
describe('car budget policy', () => {
  it.each([
    ['set', ['office'], ['manage']],
    ['read', ['office', 'auditor'], ['manage', 'finance']],
    ['readHistory', ['office', 'auditor'], ['manage', 'finance']],
  ] as const)('%s', (action, roles, departments) => {
    for (const role of ROLES.filter((r) => r !== 'department'))
      for (const g of Object.values(GRANTS))
        expect(carBudgetPolicy.can(actor(role), action, { grants: g }), `${role} ${action}`).toBe((roles as readonly string[]).includes(role));
    for (const [name, g] of Object.entries(GRANTS))
      expect(carBudgetPolicy.can(actor('department'), action, { grants: g }), `department (${name}) ${action}`).toBe(
        (departments as readonly string[]).includes(name),
      );
  });
});
