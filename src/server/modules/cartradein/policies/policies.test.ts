import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type Actor } from '../../../core/context.js';
import { ROLES, type Role } from '../../../../shared/roles.js';
import type { Grants } from '../../platform/grants/policy.js';
import { carApplicationPolicy } from './application.js';
import { workingCalendarPolicy } from './calendar.js';
import { promotionEventPolicy } from './event.js';
import { carPaymentBatchPolicy } from './paymentBatch.js';
import { carProgramPolicy } from './program.js';

const ME = 42;
const OWN_ORG = 500;
const OTHER_ORG = 501;

function actor(role: Role): Actor {
  const org = ['enterprise', 'merchant', 'recycler', 'town'].includes(role) ? OWN_ORG : 1;
  return {
    kind: 'user',
    userId: ME,
    username: role,
    role,
    organizationId: org,
    organizationKind:
      role === 'resident' ? 'public' : role === 'department' ? 'department' : role === 'town' ? 'town' : org === OWN_ORG ? 'enterprise' : 'office',
    townId: null,
    sessionId: 's',
  };
}

const NONE: Grants = { manage: false, confirmPayment: false };
const MANAGE: Grants = { manage: true, confirmPayment: false };
const FINANCE: Grants = { manage: false, confirmPayment: true };

/**
 * Role × action. The department column is answered three times: 市商务局 (granted manage), 市财政局 (granted
 * payment confirmation), any other department.
 */
type Row = [name: string, check: (a: Actor, g: Grants) => boolean, allowed: Role[], departments: { manage: boolean; finance: boolean; other: boolean }];
const D = (manage: boolean, finance: boolean, other: boolean) => ({ manage, finance, other });

const rows: Row[] = [
  ['program.list', (a) => carProgramPolicy.can(a, 'list'), [...ROLES], D(true, true, true)],
  ['program.read', (a) => carProgramPolicy.can(a, 'read'), [...ROLES], D(true, true, true)],
  ['program.create', (a, g) => carProgramPolicy.can(a, 'create', { grants: g }), ['office'], D(true, false, false)],
  ['program.update', (a, g) => carProgramPolicy.can(a, 'update', { grants: g }), ['office'], D(true, false, false)],
  ['program.setRule', (a, g) => carProgramPolicy.can(a, 'setRule', { grants: g }), ['office'], D(true, false, false)],
  ['program.readHistory', (a, g) => carProgramPolicy.can(a, 'readHistory', { grants: g }), ['office', 'auditor'], D(true, true, false)],
  ['calendar.read', (a) => workingCalendarPolicy.can(a, 'read'), [...ROLES], D(true, true, true)],
  ['calendar.update', (a, g) => workingCalendarPolicy.can(a, 'update', { grants: g }), ['office'], D(true, false, false)],
  ['application.precheck', (a) => carApplicationPolicy.can(a, 'precheck'), ['resident'], D(false, false, false)],
  ['application.submit', (a) => carApplicationPolicy.can(a, 'submit'), ['resident'], D(false, false, false)],
  ['application.list', (a, g) => carApplicationPolicy.can(a, 'list', { grants: g }), ['resident', 'office', 'auditor'], D(true, true, false)],
  [
    'application.read (own)',
    (a, g) => carApplicationPolicy.can(a, 'read', { grants: g, applicant_user_id: ME }),
    ['resident', 'office', 'auditor'],
    D(true, true, false),
  ],
  [
    'application.read (another’s)',
    (a, g) => carApplicationPolicy.can(a, 'read', { grants: g, applicant_user_id: ME + 1 }),
    ['office', 'auditor'],
    D(true, true, false),
  ],
  ['application.resubmit (own)', (a, g) => carApplicationPolicy.can(a, 'resubmit', { grants: g, applicant_user_id: ME }), ['resident'], D(false, false, false)],
  ['application.resubmit (another’s)', (a, g) => carApplicationPolicy.can(a, 'resubmit', { grants: g, applicant_user_id: ME + 1 }), [], D(false, false, false)],
  ['application.review', (a, g) => carApplicationPolicy.can(a, 'review', { grants: g, applicant_user_id: ME + 1 }), ['office'], D(true, false, false)],
  ['application.listOverdue', (a, g) => carApplicationPolicy.can(a, 'listOverdue', { grants: g }), ['office', 'auditor'], D(true, true, false)],
  ['batch.list', (a, g) => carPaymentBatchPolicy.can(a, 'list', { grants: g }), ['office', 'auditor'], D(true, true, false)],
  ['batch.read', (a, g) => carPaymentBatchPolicy.can(a, 'read', { grants: g }), ['office', 'auditor'], D(true, true, false)],
  ['batch.create', (a, g) => carPaymentBatchPolicy.can(a, 'create', { grants: g }), [], D(false, true, false)],
  ['batch.exportFile', (a, g) => carPaymentBatchPolicy.can(a, 'exportFile', { grants: g }), [], D(false, true, false)],
  ['batch.markPaid', (a, g) => carPaymentBatchPolicy.can(a, 'markPaid', { grants: g }), [], D(false, true, false)],
  ['batch.cancel', (a, g) => carPaymentBatchPolicy.can(a, 'cancel', { grants: g }), [], D(false, true, false)],
  ['event.calendar', (a) => promotionEventPolicy.can(a, 'calendar'), [...ROLES], D(true, true, true)],
  ['event.list', (a) => promotionEventPolicy.can(a, 'list'), ['office', 'town', 'enterprise', 'merchant', 'auditor'], D(true, true, true)],
  ['event.read', (a) => promotionEventPolicy.can(a, 'read'), ['office', 'town', 'enterprise', 'merchant', 'auditor'], D(true, true, true)],
  ['event.create', (a, g) => promotionEventPolicy.can(a, 'create', { grants: g }), ['office', 'town', 'enterprise'], D(true, false, false)],
  [
    'event.update (own)',
    (a, g) => promotionEventPolicy.can(a, 'update', { grants: g, organization_id: OWN_ORG }),
    ['office', 'town', 'enterprise'],
    D(true, false, false),
  ],
  ['event.update (other’s)', (a, g) => promotionEventPolicy.can(a, 'update', { grants: g, organization_id: OTHER_ORG }), ['office'], D(true, false, false)],
  [
    'event.reportResults (other’s)',
    (a, g) => promotionEventPolicy.can(a, 'reportResults', { grants: g, organization_id: OTHER_ORG }),
    ['office'],
    D(true, false, false),
  ],
  [
    'event.readDraft (other’s)',
    (a, g) => promotionEventPolicy.can(a, 'readDraft', { grants: g, organization_id: OTHER_ORG }),
    ['office', 'auditor'],
    D(true, false, false),
  ],
  [
    'event.publish (own)',
    (a, g) => promotionEventPolicy.can(a, 'publish', { grants: g, organization_id: OWN_ORG }),
    ['office', 'town', 'enterprise'],
    D(true, false, false),
  ],
  [
    'event.cancel (own)',
    (a, g) => promotionEventPolicy.can(a, 'cancel', { grants: g, organization_id: OWN_ORG }),
    ['office', 'town', 'enterprise'],
    D(true, false, false),
  ],
];

describe('car trade-in policies: role × action', () => {
  it.each(rows)('%s', (_name, check, allowed, departments) => {
    for (const role of ROLES) {
      if (role === 'department') {
        expect({ role, grant: 'manage', ok: check(actor(role), MANAGE) }).toEqual({ role, grant: 'manage', ok: departments.manage });
        expect({ role, grant: 'finance', ok: check(actor(role), FINANCE) }).toEqual({ role, grant: 'finance', ok: departments.finance });
        expect({ role, grant: 'none', ok: check(actor(role), NONE) }).toEqual({ role, grant: 'none', ok: departments.other });
      } else {
        expect({ role, ok: check(actor(role), NONE) }).toEqual({ role, ok: allowed.includes(role) });
      }
    }
  });

  it('an anonymous caller may only read the public events calendar', () => {
    const allowed = [
      ...carProgramPolicy.actions.filter((x) => carProgramPolicy.can(ANONYMOUS, x, { grants: NONE })).map((x) => `program.${x}`),
      ...carApplicationPolicy.actions.filter((x) => carApplicationPolicy.can(ANONYMOUS, x, { grants: NONE })).map((x) => `application.${x}`),
      ...carPaymentBatchPolicy.actions.filter((x) => carPaymentBatchPolicy.can(ANONYMOUS, x, { grants: NONE })).map((x) => `batch.${x}`),
      ...promotionEventPolicy.actions.filter((x) => promotionEventPolicy.can(ANONYMOUS, x, { grants: NONE })).map((x) => `event.${x}`),
      ...workingCalendarPolicy.actions.filter((x) => workingCalendarPolicy.can(ANONYMOUS, x, { grants: NONE })).map((x) => `calendar.${x}`),
    ];
    expect(allowed).toEqual(['event.calendar']);
  });

  it('every action of every policy is in the matrix', () => {
    const covered = new Set(rows.map(([name]) => name.split(' ')[0]));
    const all = [
      ...carProgramPolicy.actions.map((x) => `program.${x}`),
      ...workingCalendarPolicy.actions.map((x) => `calendar.${x}`),
      ...carApplicationPolicy.actions.map((x) => `application.${x}`),
      ...carPaymentBatchPolicy.actions.map((x) => `batch.${x}`),
      ...promotionEventPolicy.actions.map((x) => `event.${x}`),
    ];
    expect(all.filter((a) => !covered.has(a))).toEqual([]);
  });
});
