import type { Locale } from '../../../../shared/roles.js';
import type { Actor } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import type { Queryable } from '../../../db/database.js';
import { likePattern, paginate } from '../../../http/pagination.js';
import { canMove } from '../../../core/workflow.js';
import type { RegisterQuery, RegisterRowView, ResponseView, RoundView } from './schema.js';
import { surveyWorkflow } from './workflow.js';

/** Labels of a dictionary's codes in the caller's language (disabled items too: old records keep them). */
export async function dictionaryLabels(db: Queryable, code: string, locale: Locale): Promise<Map<string, string>> {
  const items = await db
    .selectFrom('dictionary_items as i')
    .innerJoin('dictionaries as d', 'd.id', 'i.dictionary_id')
    .select(['i.code', 'i.label_zh', 'i.label_en'])
    .where('d.code', '=', code)
    .execute();
  return new Map(items.map((i) => [i.code, locale === 'zh-CN' ? i.label_zh : i.label_en]));
}

export async function listRoundViews(db: Queryable): Promise<RoundView[]> {
  const rows = await db
    .selectFrom('renewal_survey_rounds as r')
    .select((eb) => [
      'r.id',
      'r.year',
      'r.status',
      'r.deadline',
      'r.closed_at',
      'r.is_demo',
      eb.selectFrom('renewal_survey_register as g').select(eb.fn.countAll<number>().as('n')).whereRef('g.round_id', '=', 'r.id').as('register_size'),
      eb
        .selectFrom('renewal_survey_responses as s')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('s.round_id', '=', 'r.id')
        .where('s.status', '=', 'checked')
        .as('checked'),
    ])
    .orderBy('r.year', 'desc')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    year: Number(r.year),
    status: r.status,
    deadline: r.deadline,
    closedAt: r.closed_at,
    registerSize: Number(r.register_size ?? 0),
    checked: Number(r.checked ?? 0),
    isDemo: Number(r.is_demo) === 1,
  }));
}

export async function roundView(db: Queryable, id: number): Promise<RoundView> {
  const r = (await listRoundViews(db)).find((x) => x.id === id);
  if (!r) throw notFound();
  return r;
}

function baseRows(db: Queryable) {
  return db
    .selectFrom('renewal_survey_register as g')
    .innerJoin('renewal_survey_rounds as rd', 'rd.id', 'g.round_id')
    .innerJoin('organizations as t', 't.id', 'g.town_id')
    .leftJoin('renewal_survey_responses as r', 'r.register_id', 'g.id');
}

function selectRows(q: ReturnType<typeof baseRows>) {
  return q.select([
    'g.id',
    'g.round_id',
    'rd.year',
    'rd.status as round_status',
    'rd.deadline',
    'g.credit_code',
    'g.name',
    'g.town_id',
    't.name as town_name',
    'g.industry',
    'g.organization_id',
    'g.is_demo',
    'r.id as response_id',
    'r.status',
    'r.has_rd_tools',
    'r.rd_tools_json',
    'r.key_processes',
    'r.cnc_processes',
    'r.transformed',
    'r.transformation_note',
    'r.app_5g_count',
    'r.app_5g_names',
    'r.on_behalf',
    'r.return_reason',
    'r.submitted_at',
    'r.checked_at',
  ]);
}
type Row = Awaited<ReturnType<ReturnType<typeof selectRows>['executeTakeFirstOrThrow']>>;

/** What the reader may do now, as the policy and the workflow agree (the buttons the pages show). */
function actionsOf(actor: Actor, r: Row): ResponseView['actions'] {
  const status = r.status!;
  const open = r.round_status === 'open';
  const mine =
    (actor.role === 'enterprise' && r.organization_id !== null && Number(r.organization_id) === actor.organizationId) ||
    ((actor.role === 'office' || actor.role === 'department') && r.organization_id === null && Number(r.on_behalf) === 1);
  const town = actor.role === 'town' && Number(r.town_id) === actor.organizationId;
  const out: ResponseView['actions'] = [];
  if (mine && open && (status === 'draft' || status === 'returned')) out.push('edit');
  if (mine && open && canMove(surveyWorkflow, status, 'submit')) out.push('submit');
  if (town && canMove(surveyWorkflow, status, 'check')) out.push('check', 'return');
  return out;
}

export function rowView(actor: Actor, r: Row): RegisterRowView {
  return {
    id: Number(r.id),
    roundId: Number(r.round_id),
    year: Number(r.year),
    roundStatus: r.round_status,
    deadline: r.deadline,
    creditCode: r.credit_code,
    name: r.name,
    townId: Number(r.town_id),
    townName: r.town_name,
    industry: r.industry,
    organizationId: r.organization_id === null ? null : Number(r.organization_id),
    hasAccount: r.organization_id !== null,
    isDemo: Number(r.is_demo) === 1,
    response:
      r.response_id === null
        ? null
        : {
            id: Number(r.response_id),
            status: r.status!,
            answers: {
              hasRdTools: Number(r.has_rd_tools) === 1,
              rdTools: JSON.parse(r.rd_tools_json ?? '[]') as string[],
              keyProcesses: Number(r.key_processes),
              cncProcesses: Number(r.cnc_processes),
              transformed: Number(r.transformed) === 1,
              transformationNote: r.transformation_note,
              app5gCount: Number(r.app_5g_count),
              app5gNames: r.app_5g_names,
            },
            onBehalf: Number(r.on_behalf) === 1,
            returnReason: r.return_reason,
            submittedAt: r.submitted_at,
            checkedAt: r.checked_at,
            actions: actionsOf(actor, r),
          },
  };
}

/** One register row with its response; 404 when there is none. */
export async function loadRow(db: Queryable, actor: Actor, registerId: number): Promise<RegisterRowView> {
  const r = await selectRows(baseRows(db)).where('g.id', '=', registerId).executeTakeFirst();
  if (!r) throw notFound();
  return rowView(actor, r);
}

/** The register row a response belongs to. */
export async function registerIdOf(db: Queryable, responseId: number): Promise<number> {
  const r = await db.selectFrom('renewal_survey_responses').select('register_id').where('id', '=', responseId).executeTakeFirst();
  if (!r) throw notFound();
  return Number(r.register_id);
}

/** The enterprise's own register rows, newest round first. */
export async function myRows(db: Queryable, actor: Actor): Promise<RegisterRowView[]> {
  const rows = await selectRows(baseRows(db)).where('g.organization_id', '=', actor.organizationId!).orderBy('rd.year', 'desc').execute();
  return rows.map((r) => rowView(actor, r));
}

const SORTS = { name: 'g.name', town: 't.name', status: 'r.status' } as const;

/** A round's register with the responses (a town: its own rows only), filtered, sorted and paged on the server. */
export async function listRegister(db: Queryable, actor: Actor, roundId: number | null, q: RegisterQuery) {
  let base = baseRows(db);
  if (roundId !== null) base = base.where('g.round_id', '=', roundId);
  if (actor.role === 'town') base = base.where('g.town_id', '=', actor.organizationId!);
  if (q.townId) base = base.where('g.town_id', '=', q.townId);
  if (q.status === 'none') base = base.where('r.id', 'is', null);
  else if (q.status === 'answered') base = base.where('r.id', 'is not', null);
  else if (q.status) base = base.where('r.status', '=', q.status);
  if (q.q) {
    const like = likePattern(q.q);
    base = base.where((eb) => eb.or([eb('g.name', 'like', like), eb('g.credit_code', 'like', like)]));
  }
  const page = await paginate(
    base,
    (b) =>
      selectRows(b)
        .orderBy(SORTS[q.sort ?? 'name'], q.order)
        .orderBy('g.id'),
    q,
  );
  return { ...page, items: page.items.map((r) => rowView(actor, r)) };
}
