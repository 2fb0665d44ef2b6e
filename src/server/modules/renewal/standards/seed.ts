import type { AppDeps } from '../../../core/deps.js';
import { systemContext } from '../../../core/context.js';
import { enter, move } from '../../../core/workflow.js';
import { inTransaction, type Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { normaliseCertificateNumber, normaliseStandardNumber, type ClaimStatus } from '../../../../shared/enums/renewalStandards.js';
import { DEMO_PASSWORD } from '../../platform/seed/seedDemo.js';
import { insertUser } from '../../platform/users/service.js';
import type { AnyClaimSpec } from './model.js';
import { loose } from './model.js';
import { brandSpec } from './brands.js';
import { certificationSpec } from './certifications.js';
import { rdReportSpec } from './rdReports.js';
import { standardSpec } from './standards.js';
import { DEMO_BRANDS, DEMO_CERTIFICATIONS, DEMO_ORGS, DEMO_RD, DEMO_STANDARDS, type DemoOrg } from './seedData.js';
import type { ClaimAction } from './workflow.js';

/** The department accounts that confirm: 市市场监管局 (standards) and 市科技局 (R&D reports). */
const DEMO_DEPARTMENTS = [
  { username: 'demo_market', displayName: '市市场监管局（演示）', organization: '市市场监管局' },
  { username: 'demo_science', displayName: '市科技局（演示）', organization: '市科技局' },
] as const;

/** The moves that bring a demo draft to its status, so its timeline reads as a real one's. */
const PATHS: Record<ClaimStatus, Exclude<ClaimAction, 'draft'>[]> = {
  draft: [],
  submitted: ['submit'],
  confirmed: ['submit', 'confirm'],
  returned: ['submit', 'return'],
  withdrawn: ['submit', 'confirm', 'withdraw'],
};

async function addDepartments(tx: Tx, deps: AppDeps) {
  for (const d of DEMO_DEPARTMENTS) {
    const org = await tx.selectFrom('organizations').select('id').where('name', '=', d.organization).executeTakeFirst();
    if (!org || (await tx.selectFrom('users').select('id').where('username', '=', d.username).executeTakeFirst())) continue;
    await insertUser(tx, deps, {
      username: d.username,
      displayName: d.displayName,
      role: 'department',
      organizationId: Number(org.id),
      password: DEMO_PASSWORD,
      mustChangePassword: false,
      isDemo: true,
    });
  }
}

/** Two more demo enterprises (no accounts: the confirmers recorded their parts), in other towns than the demo enterprise. */
async function demoOrganizations(tx: Tx, a: number): Promise<Record<DemoOrg, number>> {
  const towns = (await tx.selectFrom('organizations').select('id').where('kind', '=', 'town').orderBy('id').execute()).map((r) => Number(r.id));
  const out: Record<DemoOrg, number> = { A: a, B: a, C: a };
  for (const o of DEMO_ORGS) {
    const found = await tx.selectFrom('organizations').select('id').where('code', '=', o.code).executeTakeFirst();
    const now = nowIso();
    out[o.key] = found
      ? Number(found.id)
      : Number(
          (
            await tx
              .insertInto('organizations')
              .values({
                code: o.code,
                name: o.name,
                kind: 'enterprise',
                status: 'active',
                division_code: '350582',
                credit_code: null,
                town_id: towns[o.town] ?? towns[0] ?? null,
                address: '晋江市（演示地址）',
                contact_name: null,
                contact_mobile_enc: null,
                contact_mobile_mask: null,
                review_note: '演示数据',
                reviewed_by: null,
                reviewed_at: now,
                is_demo: 1,
                created_at: now,
                updated_at: now,
              })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id,
        );
  }
  return out;
}

/**
 * Demo standards (across levels, roles and stages; two shared by two demo enterprises), certifications, brands and
 * R&D reports of 2024 and 2025 (labelled 演示), and the demo_market and demo_science accounts that confirm them.
 * Once only: nothing is added when the demo standards exist.
 */
export async function seedStandardsDemo(deps: AppDeps): Promise<void> {
  const db = deps.database.db;
  const user = await db.selectFrom('users').select(['id', 'organization_id']).where('username', '=', 'demo_enterprise').executeTakeFirst();
  const ctx = systemContext('seed');
  await inTransaction(deps.database, async (tx) => {
    await addDepartments(tx, deps);
    if (!user || user.organization_id === null) return;
    if (await tx.selectFrom('renewal_standards').select('id').where('is_demo', '=', 1).executeTakeFirst()) return;
    const orgs = await demoOrganizations(tx, Number(user.organization_id));
    const now = nowIso();
    const add = async (spec: AnyClaimSpec, org: DemoOrg, status: ClaimStatus, columns: Record<string, unknown>, reason?: string) => {
      const organizationId = orgs[org];
      const row = await loose(tx)
        .insertInto(spec.table)
        .values({
          ...columns,
          organization_id: organizationId,
          status: 'draft',
          evidence_json: '[]',
          note: '演示数据',
          created_by: Number(user.id),
          is_demo: 1,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const id = Number(row.id);
      await spec.holdKeys?.(tx, { id, organizationId, columns });
      await enter(tx, ctx, spec.workflow, { id, action: 'draft', organizationId, note: '演示数据' });
      for (const action of PATHS[status])
        await move(tx, ctx, spec.workflow, {
          id,
          action,
          organizationId,
          set: (action === 'confirm'
            ? { confirmed_at: now }
            : action === 'submit'
              ? { submitted_at: now }
              : action === 'return'
                ? { return_reason: reason ?? '演示' }
                : {}) as never,
          ...(action === 'return' || action === 'withdraw' ? { reasons: [reason ?? '演示'] } : {}),
        });
    };
    for (const s of DEMO_STANDARDS)
      await add(
        standardSpec,
        s.org,
        s.status,
        {
          title: s.title,
          number: s.number,
          number_key: normaliseStandardNumber(s.number),
          level: s.level,
          role: s.role,
          stage: s.stage,
          approved_on: s.approvedOn ?? null,
          published_on: s.publishedOn ?? null,
          implemented_on: s.implementedOn ?? null,
          body: s.body,
        },
        s.reason,
      );
    for (const c of DEMO_CERTIFICATIONS)
      await add(
        certificationSpec,
        c.org,
        c.status,
        {
          kind: c.kind,
          title: c.title,
          issuer: c.issuer,
          certificate_number: c.number,
          number_key: normaliseCertificateNumber(c.number),
          level: c.level,
          issued_on: c.issuedOn,
          valid_until: c.validUntil ?? null,
        },
        c.reason,
      );
    for (const b of DEMO_BRANDS)
      await add(
        brandSpec,
        b.org,
        b.status,
        { kind: b.kind, name: b.name, category: b.category, recognized_on: b.recognizedOn, recognizer: b.recognizer },
        b.reason,
      );
    for (const r of DEMO_RD)
      await add(rdReportSpec, r.org, r.status, { year: r.year, rd_fen: r.rdFen, revenue_fen: r.revenueFen, rd_staff: r.staff, industry: r.industry }, r.reason);
  });
}
