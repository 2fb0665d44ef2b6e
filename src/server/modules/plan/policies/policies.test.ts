import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type Actor } from '../../../core/context.js';
import { ROLES, type Role } from '../../../../shared/roles.js';
import { indicatorPolicy } from './indicator.js';
import { milestonePolicy } from './milestone.js';
import { planPolicy } from './plan.js';

const LEAD_ORG = 42;
const actor = (role: Role, organizationId = 7): Actor => ({
  ...ANONYMOUS,
  kind: 'user',
  userId: 1,
  username: role,
  role,
  organizationId,
});

const GOVERNMENT_READERS: Role[] = ['office', 'department', 'town', 'auditor'];
const yes = (roles: Role[]) => Object.fromEntries(ROLES.map((r) => [r, roles.includes(r)])) as Record<Role, boolean>;

/** role × action → allowed, for every action of every plan policy. */
const MATRIX = {
  plan: {
    list: yes(GOVERNMENT_READERS),
    read: yes(GOVERNMENT_READERS),
    export: yes(GOVERNMENT_READERS),
    import: yes(['office']),
  },
  indicator: {
    read: yes(GOVERNMENT_READERS),
    update: yes(['office']),
    readRevisions: yes(GOVERNMENT_READERS),
    export: yes(GOVERNMENT_READERS),
  },
} as const;

describe('plan policies: role × action', () => {
  it('covers every action of the plan and indicator policies', () => {
    expect(Object.keys(MATRIX.plan).sort()).toEqual([...planPolicy.actions].sort());
    expect(Object.keys(MATRIX.indicator).sort()).toEqual([...indicatorPolicy.actions].sort());
    expect([...milestonePolicy.actions].sort()).toEqual(['complete', 'read', 'reopen']);
  });

  for (const role of ROLES) {
    it(`${role}`, () => {
      for (const [action, allowed] of Object.entries(MATRIX.plan))
        expect(planPolicy.can(actor(role), action as keyof typeof MATRIX.plan, { id: 1 }), `plan.${action}`).toBe(allowed[role]);
      for (const [action, allowed] of Object.entries(MATRIX.indicator))
        expect(indicatorPolicy.can(actor(role), action as keyof typeof MATRIX.indicator, { id: 1, planId: 1 }), `indicator.${action}`).toBe(allowed[role]);
      expect(milestonePolicy.can(actor(role), 'read', { id: 1, leadOrganizationId: LEAD_ORG }), 'milestone.read').toBe(GOVERNMENT_READERS.includes(role));
      for (const action of ['complete', 'reopen'] as const) {
        // The office always; a department only for the milestones it leads; nobody else.
        expect(milestonePolicy.can(actor(role), action, { id: 1, leadOrganizationId: LEAD_ORG }), `milestone.${action} other`).toBe(role === 'office');
        expect(milestonePolicy.can(actor(role, LEAD_ORG), action, { id: 1, leadOrganizationId: LEAD_ORG }), `milestone.${action} lead`).toBe(
          role === 'office' || role === 'department',
        );
        // At the route (no record yet) a department may try; the service checks again with the milestone.
        expect(milestonePolicy.can(actor(role), action), `milestone.${action} route`).toBe(role === 'office' || role === 'department');
      }
    });
  }

  it('refuses the anonymous caller everything', () => {
    for (const action of planPolicy.actions) expect(planPolicy.can(ANONYMOUS, action)).toBe(false);
    for (const action of indicatorPolicy.actions) expect(indicatorPolicy.can(ANONYMOUS, action)).toBe(false);
    for (const action of milestonePolicy.actions) expect(milestonePolicy.can(ANONYMOUS, action)).toBe(false);
  });

  it('a department cannot complete a milestone whose lead is not an organisation here', () => {
    expect(milestonePolicy.can(actor('department', LEAD_ORG), 'complete', { id: 1, leadOrganizationId: null })).toBe(false);
  });
});
