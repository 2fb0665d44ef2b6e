/**
 * Puts the pieces together as a plan file (the shape GET /api/plans/{id}/export returns), with a list of items —
 * one per extracted thing, each with its span in the original text and a confidence — and warnings for what could
 * not be placed. Nothing is written: the office reviews the draft and loads it through the plan import.
 */
import type { PlanFile, PlanFileAction, PlanFileIndicator, PlanFileMilestone, PlanFileTask } from '../planfile/planFileSchema.js';
import { parseHeader } from './header.js';
import { extractMilestones, type ExtractedMilestone } from './milestones.js';
import { bodyStart, parseOutline, type OutlineAction } from './structure.js';
import { extractIndicators, type ExtractedIndicator, type IntakeDoubt, type Period } from './targets.js';
import { compact, toOriginal, type CompactText, type Span } from './text.js';
import { findUnits, type ResponsibleUnits } from './units.js';

export type IntakeWarningKey =
  | 'noDocNumber'
  | 'noTitle'
  | 'noIssuer'
  | 'noDate'
  | 'noPeriod'
  | 'noRegion'
  | 'noPreamble'
  | 'noGeneral'
  | 'noActions'
  | 'noUnits'
  | 'allDepartments'
  | 'lessOrEqual'
  | IntakeDoubt;

export interface IntakeWarning {
  key: IntakeWarningKey;
  params: Record<string, string | number>;
  path: string | null;
  span: Span | null;
}

export interface IntakeItem {
  /** Dotted path into the draft: actions.0.tasks.2.indicators.1 (or a top-level field such as docNumber). */
  path: string;
  kind: 'field' | 'action' | 'task' | 'indicator' | 'milestone';
  label: string;
  span: Span;
  confidence: number;
  /** The comparator as the plan writes it when the plan file cannot carry it (≤). */
  comparator?: '≤';
}

export interface IntakeDraft {
  draft: PlanFile;
  items: IntakeItem[];
  warnings: IntakeWarning[];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The paragraph of an action's number-free text, verbatim. */
const slice = (ct: CompactText, s: number, e: number) => ct.text.slice(s, e);

export function draftFromText(original: string): IntakeDraft {
  const ct = compact(original);
  const items: IntakeItem[] = [];
  const warnings: IntakeWarning[] = [];
  const warn = (key: IntakeWarningKey, path: string | null, span: { start: number; end: number } | null, params: Record<string, string | number> = {}) =>
    warnings.push({ key, params, path, span: span ? toOriginal(ct, span.start, span.end) : null });
  const item: ItemFn = (path, kind, label, span, confidence, comparator) =>
    items.push({ path, kind, label, span: toOriginal(ct, span.start, span.end), confidence, ...(comparator ? { comparator } : {}) });

  const begin = bodyStart(ct);
  const header = parseHeader(ct, begin);
  const outline = parseOutline(ct);
  const thisYear = new Date().getFullYear();
  const period: Period = header.period?.value ?? { startYear: thisYear, endYear: thisYear };
  if (!header.period) warn('noPeriod', 'endYear', null);

  const field = <T>(path: string, f: { value: T; start: number; end: number } | null, fallback: T, key: IntakeWarningKey): T => {
    if (f) {
      item(path, 'field', String(f.value), f, 0.9);
      return f.value;
    }
    warn(key, path, null);
    return fallback;
  };
  const docNumber = field('docNumber', header.docNumber, '（文号待填）', 'noDocNumber');
  const title = field('title', header.title, '（标题待填）', 'noTitle');
  const issuer = field('issuer', header.issuer, '（发文机关待填）', 'noIssuer');
  const issuedOn = field('issuedOn', header.issuedOn, `${period.startYear}-01-01`, 'noDate');
  if (header.period) item('endYear', 'field', `${period.startYear}—${period.endYear}`, header.period, 0.75);
  const docParts = /〔(\d{4})〕(\d+)号/.exec(docNumber);
  const abbr = header.region?.abbr ?? 'PLAN';
  const code = docParts ? `${abbr}-${docParts[1]}-${docParts[2]}` : `${abbr}-${period.startYear}-1`;
  const place = issuer.replace(/(?:人民政府办公室|人民政府办公厅|人民政府|办公室|办公厅)$/, '') || issuer;
  if (!header.region) warn('noRegion', 'region.code', header.issuer, { name: place });
  const region = header.region ? { code: header.region.code, name: header.region.name } : { code: '000000', name: place };

  let preamble = header.preamble?.value;
  if (header.preamble) item('preamble', 'field', preamble!.slice(0, 30), header.preamble, 0.8);
  else warn('noPreamble', 'preamble', null);
  const general = outline.general ? slice(ct, outline.general.start, outline.general.end) : '';
  if (outline.general && general) item('generalRequirements', 'field', general.slice(0, 30), outline.general, 0.8);
  else warn('noGeneral', 'generalRequirements', null);
  if (outline.actions.length === 0) warn('noActions', 'actions', null);

  let townsAll = false;
  let taskCount = 0;
  let measureCount = 0;
  const actions: PlanFileAction[] = outline.actions.map((oa, ai) => {
    const code = oa.section === 'task' ? `A${++taskCount}` : `M${++measureCount}`;
    const ap = `actions.${ai}`;
    item(ap, 'action', `${oa.number}${oa.title}`, { start: oa.start, end: oa.titleEnd }, 0.9);
    const tasks = buildTasks(
      ct,
      oa,
      code,
      ap,
      period,
      () => townsAll,
      (v) => (townsAll = townsAll || v),
      item,
      warn,
    );
    const paragraphYear = null;
    const introIndicators = oa.tasks.length > 0 ? extractIndicators(ct.text, oa.intro.start, oa.intro.end, period, paragraphYear) : [];
    let previous: number | null = null;
    const indicators = introIndicators.map((ind, ii) => {
      const related = closestTask(ind.name, tasks, previous);
      previous = related.number;
      const path = `${ap}.indicators.${ii}`;
      recordIndicator(ind, path, item, warn);
      return toIndicator(ind, `${code}-S-${pad(ii + 1)}`, related.units, related.number);
    });
    const introMilestones = oa.tasks.length > 0 ? extractMilestones(ct.text, oa.intro.start, oa.intro.end, period.endYear, 'section', introIndicators) : [];
    const milestones = introMilestones.map((m, mi) => {
      const related = closestTask(m.title, tasks, null);
      item(`${ap}.milestones.${mi}`, 'milestone', m.title, m, m.confidence);
      return toMilestone(m, `${code}-S-M${mi + 1}`, related.units, related.number, period);
    });
    return {
      code,
      section: oa.section,
      number: oa.number,
      title: oa.title,
      text: oa.tasks.length > 0 ? slice(ct, oa.intro.start, oa.intro.end) : '',
      indicators,
      milestones,
      tasks,
    };
  });

  preamble ??= slice(ct, begin, begin + 200) || title;
  const draft: PlanFile = {
    formatVersion: 1,
    code,
    docNumber,
    title,
    issuer,
    issuedOn,
    region,
    startYear: period.startYear,
    endYear: period.endYear,
    parentPlans: header.parentPlans,
    preamble,
    generalRequirements: general || '—',
    townsImplementAll: townsAll,
    actions,
  };
  return { draft, items, warnings };
}

type ItemFn = (path: string, kind: IntakeItem['kind'], label: string, span: { start: number; end: number }, confidence: number, comparator?: '≤') => void;
type WarnFn = (key: IntakeWarningKey, path: string | null, span: { start: number; end: number } | null, params?: Record<string, string | number>) => void;

function buildTasks(
  ct: CompactText,
  oa: OutlineAction,
  code: string,
  ap: string,
  period: Period,
  townsAll: () => boolean,
  setTownsAll: (v: boolean) => void,
  item: ItemFn,
  warn: WarnFn,
): PlanFileTask[] {
  // A measure written as one paragraph is one task under the measure's own title.
  const blocks =
    oa.tasks.length > 0
      ? oa.tasks.map((t) => ({ number: t.number, start: t.start, body: t.bodyStart, end: t.end }))
      : [{ number: 1, start: oa.start, body: oa.start + oa.number.length, end: oa.end }];
  return blocks.map((b, ti) => {
    const tp = `${ap}.tasks.${ti}`;
    const units: ResponsibleUnits | null = findUnits(ct.text, b.body, b.end);
    const textEnd = units?.start ?? b.end;
    const text = ct.text.slice(b.body, textEnd) + (units ? ct.text.slice(units.end, b.end) : '');
    const titleEnd = text.search(/[。；]/);
    const title = oa.tasks.length > 0 ? (titleEnd > 0 ? text.slice(0, titleEnd) : text.slice(0, 30)) : oa.title;
    item(tp, 'task', `${b.number}．${title}`, { start: b.start, end: b.body + Math.max(titleEnd, 0) }, units ? 0.9 : 0.5);
    let names = units?.units ?? [];
    let note: string | undefined;
    const allDepartments = units?.allDepartments ?? false;
    if (allDepartments) {
      // 市直有关部门: the unit the work team's office sits in co-ordinates.
      const office = /办公室设在([\u4e00-\u9fa5]{2,12}?(?:局|委|厅|办))/.exec(text);
      names = office ? [office[1]!, ...names.filter((n) => n !== office[1])] : names;
      note = `原文责任单位为“${ct.text.slice(units!.start + 1, units!.end - 1)}”${office ? `，以${office[1]}为牵头单位` : ''}。`;
      warn('allDepartments', `${tp}.units`, units, { lead: office?.[1] ?? '—' });
    }
    if (!units || names.length === 0) warn('noUnits', `${tp}.units`, { start: b.start, end: b.body + Math.max(titleEnd, 0) }, { task: title });
    if (units?.townsImplementAll) setTownsAll(true);
    const townsImplement = (units?.townsImplement ?? false) || townsAll();
    const found = extractIndicators(ct.text, b.body, textEnd, period, null);
    const indicators = found.map((ind, ii) => {
      recordIndicator(ind, `${tp}.indicators.${ii}`, item, warn);
      return toIndicator(ind, `${code}-T${b.number}-${pad(ii + 1)}`, names, null, townsImplement);
    });
    let ms: ExtractedMilestone[] = extractMilestones(ct.text, b.body + Math.max(titleEnd, 0), textEnd, period.endYear, 'task', found);
    if (ms.length === 0 && found.length === 0)
      ms = [{ title, text: title, dueYear: period.endYear, start: b.body, end: b.body + title.length, confidence: 0.4 }];
    const milestones = ms.map((m, mi) => {
      item(`${tp}.milestones.${mi}`, 'milestone', m.title, m, m.confidence);
      return toMilestone(m, `${code}-T${b.number}-M${mi + 1}`, names, null, period);
    });
    return {
      number: b.number,
      title,
      text,
      units: names,
      allDepartments,
      townsImplement,
      ...(note ? { note } : {}),
      indicators,
      milestones,
    };
  });
}

function recordIndicator(ind: ExtractedIndicator, path: string, item: ItemFn, warn: WarnFn) {
  item(path, 'indicator', ind.name, ind, ind.confidence, ind.comparator === '≤' ? '≤' : undefined);
  for (const d of ind.doubts) if (d !== 'chineseNumeral') warn(d, path, ind, { name: ind.name });
}

/**
 * The task an action-level target belongs to, for its responsible units: the task whose title and text share the
 * most character pairs with the target's subject (title pairs count three times). A weak match falls back to the
 * previous target's task, then to the first task — the office confirms it on the review page.
 */
function closestTask(what: string, tasks: PlanFileTask[], previous: number | null): { number: number; units: string[] } {
  const subject = what.replace(/(?:增长率|提高幅度|增长|数量|数|率)$/, '');
  const pairs = new Set(
    [...subject]
      .slice(0, -1)
      .map((c, i) => c + subject[i + 1])
      .filter((p) => !/[\d、，%]/.test(p)),
  );
  let best: PlanFileTask | undefined;
  let score = 0;
  for (const t of tasks) {
    let s = 0;
    for (const p of pairs) s += (t.title.includes(p) ? 3 : 0) + (t.text.includes(p) ? 1 : 0);
    if (s > score) {
      best = t;
      score = s;
    }
  }
  const chosen = score >= 4 ? best : (tasks.find((t) => t.number === previous) ?? tasks[0]);
  return { number: chosen!.number, units: chosen!.units };
}

function toIndicator(ind: ExtractedIndicator, code: string, units: string[], relatedTask: number | null, townBreakdown = false): PlanFileIndicator {
  return {
    code,
    name: ind.name,
    nameEn: ind.name,
    text: ind.text,
    unit: ind.unit,
    kind: ind.kind,
    // The plan file has no ≤ yet: kept as ≈ and flagged (warning lessOrEqual) for the office to decide.
    comparator: ind.comparator === '≤' ? '≈' : ind.comparator,
    baseline: ind.baselineYear !== null ? { year: ind.baselineYear } : null,
    yearOnYear: ind.yearOnYear,
    targets: ind.targets,
    relatedTask,
    assignedByOffice: relatedTask !== null,
    units: [...units],
    townBreakdown: townBreakdown && ind.unit !== '%' && ind.kind !== 'growth',
    source: 'reported',
    metric: null,
    lowerBoundMetric: null,
    isEffort: ind.isEffort,
  };
}

function toMilestone(m: ExtractedMilestone, code: string, units: string[], relatedTask: number | null, period: Period): PlanFileMilestone {
  const dueYear = Math.min(Math.max(m.dueYear, period.startYear), period.endYear);
  return { code, title: m.title, titleEn: m.title, text: m.text, dueYear, relatedTask, units: [...units] };
}
