import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type Actor } from '../../../core/context.js';
import { ROLES, type Role } from '../../../../shared/roles.js';
import { NO_GRANTS, type Grants } from '../../platform/grants/policy.js';
import { merchantPolicy } from './merchant.js';
import { poolPolicy } from './pool.js';
import { productPolicy } from './product.js';
import { programPolicy } from './program.js';
import { redemptionPolicy } from './redemption.js';
import { voucherPolicy } from './voucher.js';

const OWN_ORG = 500;
const OTHER_ORG = 501;

function actor(role: Role): Actor {
  const enterprise = role === 'enterprise' || role === 'merchant' || role === 'recycler';
  return {
    kind: 'user',
    userId: 42,
    username: role,
    role,
    organizationId: enterprise ? OWN_ORG : 1,
    organizationKind: enterprise ? 'enterprise' : role === 'resident' ? 'public' : role === 'department' ? 'department' : role === 'town' ? 'town' : 'office',
    townId: null,
    sessionId: 's',
  };
}

const MANAGE: Grants = { manage: true, confirmPayment: false };
const FINANCE: Grants = { manage: false, confirmPayment: true };
/** The department column is answered three times: 市商务局 (manage), 市财政局 (confirm payments), any other. */
type Row = [name: string, check: (a: Actor, grants: Grants) => boolean, allowed: Role[], departments: { manage: boolean; finance: boolean; other: boolean }];

const rows: Row[] = [
  ['program.list', (a) => programPolicy.can(a, 'list'), [...ROLES], { manage: true, finance: true, other: true }],
  ['program.read', (a) => programPolicy.can(a, 'read'), [...ROLES], { manage: true, finance: true, other: true }],
  ['program.create', (a, g) => programPolicy.can(a, 'create', { grants: g }), ['office'], { manage: true, finance: false, other: false }],
  ['program.update', (a, g) => programPolicy.can(a, 'update', { grants: g }), ['office'], { manage: true, finance: false, other: false }],
  ['program.setRule', (a, g) => programPolicy.can(a, 'setRule', { grants: g }), ['office'], { manage: true, finance: false, other: false }],
  ['program.readHistory', (a, g) => programPolicy.can(a, 'readHistory', { grants: g }), ['office', 'auditor'], { manage: true, finance: true, other: false }],
  ['pool.list', (a) => poolPolicy.can(a, 'list'), [...ROLES], { manage: true, finance: true, other: true }],
  ['pool.create', (a, g) => poolPolicy.can(a, 'create', { grants: g }), ['office'], { manage: true, finance: false, other: false }],
  ['voucher.claim', (a) => voucherPolicy.can(a, 'claim'), ['resident'], { manage: false, finance: false, other: false }],
  ['voucher.listOwn', (a) => voucherPolicy.can(a, 'listOwn'), ['resident'], { manage: false, finance: false, other: false }],
  ['voucher.lookup', (a, g) => voucherPolicy.can(a, 'lookup', { grants: g }), ['office', 'auditor', 'merchant'], { manage: true, finance: true, other: false }],
  ['voucher.list', (a, g) => voucherPolicy.can(a, 'list', { grants: g }), ['office', 'auditor'], { manage: true, finance: true, other: false }],
  [
    'merchant.apply (own)',
    (a) => merchantPolicy.can(a, 'apply', { organization_id: OWN_ORG }),
    ['enterprise', 'merchant'],
    { manage: false, finance: false, other: false },
  ],
  ['merchant.apply (other)', (a) => merchantPolicy.can(a, 'apply', { organization_id: OTHER_ORG }), [], { manage: false, finance: false, other: false }],
  [
    'merchant.list',
    (a, g) => merchantPolicy.can(a, 'list', { grants: g }),
    ['office', 'auditor', 'enterprise', 'merchant'],
    { manage: true, finance: true, other: false },
  ],
  [
    'merchant.read (other)',
    (a, g) => merchantPolicy.can(a, 'read', { grants: g, organization_id: OTHER_ORG }),
    ['office', 'auditor'],
    { manage: true, finance: true, other: false },
  ],
  [
    'merchant.review',
    (a, g) => merchantPolicy.can(a, 'review', { grants: g, organization_id: OTHER_ORG }),
    ['office'],
    { manage: true, finance: false, other: false },
  ],
  [
    'merchant.suspend',
    (a, g) => merchantPolicy.can(a, 'suspend', { grants: g, organization_id: OTHER_ORG }),
    ['office'],
    { manage: true, finance: false, other: false },
  ],
  [
    'merchant.resume',
    (a, g) => merchantPolicy.can(a, 'resume', { grants: g, organization_id: OTHER_ORG }),
    ['office'],
    { manage: true, finance: false, other: false },
  ],
  [
    'merchant.manageStaff (own)',
    (a) => merchantPolicy.can(a, 'manageStaff', { organization_id: OWN_ORG }),
    ['enterprise', 'merchant'],
    { manage: false, finance: false, other: false },
  ],
  [
    'product.list (other)',
    (a, g) => productPolicy.can(a, 'list', { grants: g, organization_id: OTHER_ORG }),
    ['office', 'auditor'],
    { manage: true, finance: true, other: false },
  ],
  [
    'product.create (own)',
    (a) => productPolicy.can(a, 'create', { organization_id: OWN_ORG }),
    ['enterprise', 'merchant'],
    { manage: false, finance: false, other: false },
  ],
  ['product.update (other)', (a) => productPolicy.can(a, 'update', { organization_id: OTHER_ORG }), [], { manage: false, finance: false, other: false }],
  [
    'redemption.create (own)',
    (a) => redemptionPolicy.can(a, 'create', { organization_id: OWN_ORG }),
    ['merchant'],
    { manage: false, finance: false, other: false },
  ],
  [
    'redemption.list (other)',
    (a, g) => redemptionPolicy.can(a, 'list', { grants: g, organization_id: OTHER_ORG }),
    ['office', 'auditor'],
    { manage: true, finance: true, other: false },
  ],
  ['redemption.listMine', (a) => redemptionPolicy.can(a, 'listMine'), ['resident'], { manage: false, finance: false, other: false }],
  [
    'redemption.reverse (own)',
    (a, g) => redemptionPolicy.can(a, 'reverse', { grants: g, organization_id: OWN_ORG }),
    ['office', 'enterprise', 'merchant'],
    { manage: true, finance: false, other: false },
  ],
  [
    'redemption.reverse (other)',
    (a, g) => redemptionPolicy.can(a, 'reverse', { grants: g, organization_id: OTHER_ORG }),
    ['office'],
    { manage: true, finance: false, other: false },
  ],
];

describe('trade-in policies: role × action', () => {
  for (const [name, check, allowed, departments] of rows) {
    it(name, () => {
      const nonDepartment = ROLES.filter((r) => r !== 'department');
      const answers = Object.fromEntries(nonDepartment.map((r) => [r, check(actor(r), NO_GRANTS)]));
      const expected = Object.fromEntries(nonDepartment.map((r) => [r, allowed.includes(r)]));
      expect(answers).toEqual(expected);
      const d = actor('department');
      expect({ manage: check(d, MANAGE), finance: check(d, FINANCE), other: check(d, NO_GRANTS) }).toEqual(departments);
      expect(check(ANONYMOUS, NO_GRANTS)).toBe(false);
    });
  }

  it('covers every action of every trade-in policy', () => {
    const covered = new Set(rows.map(([name]) => name.split(' ')[0]));
    for (const policy of [programPolicy, poolPolicy, voucherPolicy, merchantPolicy, productPolicy, redemptionPolicy]) {
      const prefix = policy.resource.replace('tradein_', '');
      expect(
        policy.actions.filter((a) => !covered.has(`${prefix}.${a}`)),
        policy.resource,
      ).toEqual([]);
    }
  });
});
