import { sql } from 'kysely';
import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { authorize } from '../../../core/policy.js';
import { shanghaiDate } from '../../../core/time.js';
import { likePattern, paginate, type Page } from '../../../http/pagination.js';
import { creditPolicy } from '../policies/credit.js';
import { gradesOf } from './credit.js';
import { kindsOf } from './queries.js';
import type { PublicDealerView, PublicQuery, PublicViolationView, PublicViolationsQuery } from './schema.js';

/**
 * The public disclosure (向社会公布违规情况), no sign-in. Only what a business register publishes: the dealer's
 * name and credit code, the violation's type, date, penalty and issuing unit, and the text written for
 * publication. Never a contact, a mobile, a recording official, a VIN or a plate: those columns are not selected.
 */
export async function publicViolations(deps: AppDeps, ctx: RequestContext, q: PublicViolationsQuery): Promise<Page<PublicViolationView>> {
  authorize(ctx.actor, creditPolicy, 'publicDisclosure');
  const today = shanghaiDate();
  let base = deps.database.db
    .selectFrom('recycling_dealer_violations as v')
    .innerJoin('recycling_dealers as d', 'd.id', 'v.dealer_id')
    .innerJoin('organizations as iu', 'iu.id', 'v.issuing_organization_id')
    .where('v.status', '=', 'in_force')
    .where('v.disclose_until', '>=', today)
    .where('v.occurred_on', '<=', today);
  if (q.type) base = base.where('v.type', '=', q.type);
  if (q.q) {
    const p = likePattern(q.q);
    base = base.where((eb) => eb.or([sql<boolean>`${eb.ref('d.name')} like ${p} escape '\\'`, sql<boolean>`${eb.ref('d.credit_code')} like ${p} escape '\\'`]));
  }
  const page = await paginate(
    base,
    (b) =>
      b
        .select([
          'v.id',
          'v.type',
          'v.occurred_on',
          'v.description',
          'v.penalty_text',
          'v.penalty_fen',
          'v.disclose_until',
          'v.is_demo',
          'd.name as dealer_name',
          'd.credit_code',
          'iu.name as issuing_unit',
        ])
        .orderBy('v.occurred_on', 'desc')
        .orderBy('v.id', 'desc'),
    q,
  );
  return {
    ...page,
    items: page.items.map((r) => ({
      id: Number(r.id),
      dealerName: r.dealer_name,
      creditCode: r.credit_code,
      type: r.type,
      occurredOn: r.occurred_on,
      description: r.description,
      penaltyText: r.penalty_text,
      penaltyFen: r.penalty_fen === null ? null : Number(r.penalty_fen),
      issuingUnit: r.issuing_unit,
      discloseUntil: r.disclose_until,
      isDemo: Number(r.is_demo) === 1,
    })),
  };
}

/** Registered dealers (not deregistered) with their grade today and the rule version that produced it. */
export async function publicDealers(deps: AppDeps, ctx: RequestContext, q: PublicQuery): Promise<Page<PublicDealerView>> {
  authorize(ctx.actor, creditPolicy, 'publicDisclosure');
  const db = deps.database.db;
  let base = db.selectFrom('recycling_dealers as d').innerJoin('organizations as t', 't.id', 'd.town_id').where('d.status', '!=', 'deregistered');
  if (q.q) {
    const p = likePattern(q.q);
    base = base.where((eb) => eb.or([sql<boolean>`${eb.ref('d.name')} like ${p} escape '\\'`, sql<boolean>`${eb.ref('d.credit_code')} like ${p} escape '\\'`]));
  }
  const page = await paginate(
    base,
    (b) => b.select(['d.id', 'd.name', 'd.credit_code', 'd.status', 'd.is_demo', 't.name as town_name']).orderBy('d.name').orderBy('d.id'),
    q,
  );
  const ids = page.items.map((r) => Number(r.id));
  const [kinds, grades] = await Promise.all([kindsOf(db, ids), gradesOf(db, ids)]);
  return {
    ...page,
    items: page.items.map((r) => ({
      id: Number(r.id),
      name: r.name,
      creditCode: r.credit_code,
      kinds: kinds.get(Number(r.id)) ?? [],
      townName: r.town_name,
      status: r.status,
      grade: grades.get(Number(r.id))!,
      isDemo: Number(r.is_demo) === 1,
    })),
  };
}
