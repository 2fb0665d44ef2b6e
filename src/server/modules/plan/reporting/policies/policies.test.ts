import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type Actor } from '../../../../core/context.js';
import { ROLES, type Role } from '../../../../../shared/roles.js';
import { briefingPolicy } from './briefing.js';
import { planImportPolicy } from './importJob.js';
import { reportingPeriodPolicy } from './period.js';
import { planReportPolicy } from './report.js';
import { planWorkspacePolicy } from './workspace.js';

const ORG = 7;
const actor = (role: Role): Actor => ({
  ...ANONYMOUS,
  kind: 'user',
  userId: 70,
  username: role,
  role,
  organizationId: ORG,
  organizationKind: null,
  townId: null,
});
const own = { id: 1, organizationId: ORG };
const other = { id: 2, organizationId: ORG + 1 };

/** Role × action: who may do what with reporting. `O` own records only, `A` all. */
const MATRIX: Record<string, Partial<Record<Role, 'A' | 'O'>>> = {
  'period.list': { office: 'A', department: 'A', town: 'A', auditor: 'A' },
  'period.open': { office: 'A' },
  'period.close': { office: 'A' },
  'report.list': { office: 'A', department: 'A', town: 'A', auditor: 'A' },
  'report.read': { office: 'A', auditor: 'A', department: 'O', town: 'O' },
  'report.save': { department: 'O', town: 'O' },
  'report.submit': { department: 'O', town: 'O' },
  'report.accept': { office: 'A' },
  'report.return': { office: 'A' },
  'report.export': { office: 'A', department: 'A', town: 'A', auditor: 'A' },
  'report.template': { department: 'A', town: 'A' },
  'import.create': { department: 'A', town: 'A' },
  'workspace.read': { department: 'A', town: 'A' },
  'briefing.generate': { office: 'A', auditor: 'A' },
};

function can(role: Role, key: string, record: 'own' | 'other'): boolean {
  const a = actor(role);
  const [model, action] = key.split('.') as [string, string];
  switch (model) {
    case 'period':
      return reportingPeriodPolicy.can(a, action as never, { id: 1, planId: 1 });
    case 'report':
      return planReportPolicy.can(a, action as never, record === 'own' ? own : other);
    case 'import':
      return planImportPolicy.can(a, action as never, { id: 1, userId: 70 });
    case 'workspace':
      return planWorkspacePolicy.can(a, action as never);
    default:
      return briefingPolicy.can(a, action as never, { planId: 1 });
  }
}

describe('reporting policies: role × action matrix', () => {
  for (const [key, allowed] of Object.entries(MATRIX))
    for (const role of ROLES)
      it(`${role} ${key}`, () => {
        const grant = allowed[role];
        expect(can(role, key, 'own')).toBe(grant !== undefined);
        expect(can(role, key, 'other')).toBe(grant === 'A');
      });

  it('an import is followed only by the user who started it; anonymous callers get nothing', () => {
    expect(planImportPolicy.can(actor('department'), 'read', { id: 1, userId: 71 })).toBe(false);
    expect(planImportPolicy.can(actor('department'), 'read', { id: 1, userId: 70 })).toBe(true);
    for (const key of Object.keys(MATRIX)) expect(can(null as unknown as Role, key, 'own')).toBe(false);
  });
});
