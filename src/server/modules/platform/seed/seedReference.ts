import type { Database } from '../../../db/database.js';
import { inTransaction } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import type { OrganizationKind } from '../../../../shared/roles.js';
import { DEPARTMENTS, OFFICE, RESIDENTS, TOWNS, departmentCode, townCode } from './referenceOrganizations.js';

/** Inserts the reference organisations that are missing; running it again changes nothing. */
export async function seedReferenceOrganizations(database: Database): Promise<number> {
  const wanted: { code: string; name: string; kind: OrganizationKind; division: string | null }[] = [
    { ...OFFICE, kind: 'office', division: '350582' },
    ...DEPARTMENTS.map((name, i) => ({ code: departmentCode(i), name, kind: 'department' as const, division: '350582' })),
    ...TOWNS.map((name, i) => ({ code: townCode(i), name, kind: 'town' as const, division: null })),
    { ...RESIDENTS, kind: 'public', division: null },
  ];
  return inTransaction(database, async (tx) => {
    const existing = new Set((await tx.selectFrom('organizations').select('code').execute()).map((r) => r.code));
    const now = nowIso();
    const missing = wanted.filter((w) => !existing.has(w.code));
    if (missing.length)
      await tx
        .insertInto('organizations')
        .values(
          missing.map((w) => ({
            code: w.code,
            name: w.name,
            kind: w.kind,
            status: 'active' as const,
            division_code: w.division,
            credit_code: null,
            town_id: null,
            address: null,
            contact_name: null,
            contact_mobile_enc: null,
            contact_mobile_mask: null,
            review_note: null,
            reviewed_by: null,
            reviewed_at: null,
            is_demo: 0,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
    return missing.length;
  });
}
