import type { AppDeps } from '../../../core/deps.js';
import { systemContext, type RequestContext } from '../../../core/context.js';
import { addDays, shanghaiDate } from '../../../core/time.js';
import { computeCitizenIdCheckChar } from '../../../../shared/validators/citizenId.js';
import { computeVinCheckDigit } from '../../../../shared/validators/vin.js';
import { storeAttachment } from '../../platform/attachments/service.js';
import { registerResident, RESIDENTS_ORGANIZATION_CODE } from '../../platform/auth/authService.js';
import { DEMO_PASSWORD } from '../../platform/seed/seedDemo.js';
import { readCarApplicationEvidence } from '../applications/queries.js';
import { approveCarApplication, rejectCarApplication, returnCarApplication } from '../applications/review.js';
import { submitCarApplicationBody, type SubmitCarApplicationInput } from '../applications/schema.js';
import { resubmitCarApplication, submitCarApplication } from '../applications/submission.js';
import { createPaymentBatch, markPaymentBatchPaid } from '../payments/service.js';
import type { EmissionStandard } from '../tables.js';
import type { CarRule, EvidenceKind } from './rules.js';
import { loadProgramForApplication } from './service.js';

/**
 * What the demo's applications end as. `resubmitted` is a `submitted` application that was returned and sent
 * again: the workflow has no status of its own for it, but the demo must show that path.
 */
export type DemoApplicationFate = 'submitted' | 'returned' | 'resubmitted' | 'approved' | 'rejected' | 'in_payment' | 'paid';

interface DemoCase {
  fate: DemoApplicationFate;
  /** The resident's name; the display name adds （演示）. */
  name: string;
  birth: string;
  old: { energyType: 'fuel' | 'nev'; emissionStandard?: EmissionStandard; registeredOn: string; ownedSince: string; plate: string; year: string };
  newCar: { energyType: 'fuel' | 'nev'; priceFen: number; displacementMl?: number };
  bankName: string;
}

const NEV = (priceFen: number) => ({ energyType: 'nev' as const, priceFen });
const FUEL = (priceFen: number) => ({ energyType: 'fuel' as const, priceFen, displacementMl: 1498 });

/**
 * Ten residents of different towns, one application each, so every step of the review shows at least once. The
 * old cars are what the national rule accepts (fuel cars of 国三 or older, new-energy cars registered by
 * 2018-04-30), except 蔡国平's 国四 car: it is assessed ineligible at submission and 市商务局 rejects it.
 */
const CASES: DemoCase[] = [
  {
    fate: 'submitted',
    name: '陈建华',
    birth: '19760312',
    old: { energyType: 'fuel', emissionStandard: 'guo3', registeredOn: '2009-05-12', ownedSince: '2009-05-12', plate: '闽C3K2M7', year: '9' },
    newCar: NEV(15_980_000),
    bankName: '中国农业银行晋江支行',
  },
  {
    fate: 'submitted',
    name: '林美玲',
    birth: '19840721',
    old: { energyType: 'nev', registeredOn: '2016-09-20', ownedSince: '2016-09-20', plate: '闽CD36021', year: 'G' },
    newCar: NEV(21_580_000),
    bankName: '中国工商银行晋江支行',
  },
  {
    fate: 'returned',
    name: '黄志强',
    birth: '19700105',
    old: { energyType: 'fuel', emissionStandard: 'guo2', registeredOn: '2006-03-18', ownedSince: '2011-07-02', plate: '闽C5H8N2', year: '6' },
    newCar: FUEL(12_880_000),
    bankName: '中国建设银行晋江支行',
  },
  {
    fate: 'resubmitted',
    name: '吴丽娟',
    birth: '19880930',
    old: { energyType: 'fuel', emissionStandard: 'guo3', registeredOn: '2010-01-08', ownedSince: '2010-01-08', plate: '闽C7B3Q9', year: 'A' },
    newCar: NEV(13_680_000),
    bankName: '晋江农村商业银行青阳支行',
  },
  {
    fate: 'approved',
    name: '许文斌',
    birth: '19790614',
    old: { energyType: 'fuel', emissionStandard: 'guo3', registeredOn: '2008-11-25', ownedSince: '2014-04-16', plate: '闽C2F6W1', year: '8' },
    newCar: NEV(18_990_000),
    bankName: '中国银行晋江支行',
  },
  {
    fate: 'rejected',
    name: '蔡国平',
    birth: '19720818',
    old: { energyType: 'fuel', emissionStandard: 'guo4', registeredOn: '2013-06-30', ownedSince: '2013-06-30', plate: '闽C9D4R6', year: 'D' },
    newCar: NEV(16_580_000),
    bankName: '兴业银行晋江支行',
  },
  {
    fate: 'in_payment',
    name: '王海燕',
    birth: '19860402',
    old: { energyType: 'nev', registeredOn: '2017-12-08', ownedSince: '2017-12-08', plate: '闽CD51873', year: 'H' },
    newCar: NEV(24_880_000),
    bankName: '中国邮政储蓄银行晋江支行',
  },
  {
    fate: 'in_payment',
    name: '施振华',
    birth: '19680227',
    old: { energyType: 'fuel', emissionStandard: 'guo1', registeredOn: '2003-08-14', ownedSince: '2008-10-20', plate: '闽C6L1T5', year: '3' },
    newCar: FUEL(10_580_000),
    bankName: '中国农业银行晋江支行',
  },
  {
    fate: 'paid',
    name: '洪雅琴',
    birth: '19910511',
    old: { energyType: 'fuel', emissionStandard: 'guo3', registeredOn: '2009-02-27', ownedSince: '2015-03-09', plate: '闽C4P7X3', year: '9' },
    newCar: NEV(14_280_000),
    bankName: '中国工商银行晋江支行',
  },
  {
    fate: 'paid',
    name: '李明辉',
    birth: '19771103',
    old: { energyType: 'nev', registeredOn: '2015-05-19', ownedSince: '2015-05-19', plate: '闽CD20418', year: 'F' },
    newCar: NEV(19_880_000),
    bankName: '中国建设银行晋江支行',
  },
];

const REASONS = {
  returned: ['新车销售发票照片不清晰，请重新上传清晰完整的发票照片（演示）'],
  resubmitted: ['报废机动车回收证明编号与所附证明文件不一致，请核对后重新提交（演示）'],
  rejected: ['旧车排放标准为国四，不符合报废更新补贴“国三及以下”的条件（演示）'],
};

/** The demo's identifiers: a fixed series no resident's real car or invoice uses, so they also mark the demo's applications. */
function vin(prefix: string, year: string, n: number): string {
  const body = `${prefix}0${year}J${String(900_100 + n).padStart(6, '0')}`;
  return body.slice(0, 8) + computeVinCheckDigit(body) + body.slice(9);
}
const oldVin = (n: number, year: string) => vin('LSVAM418', year, n);
const newVin = (n: number) => vin('LGXCE4CB', 'T', n);
const DEMO_OLD_VINS = CASES.map((c, i) => oldVin(i, c.old.year));
const certificate = (n: number, corrected = false) => `BF350582${corrected ? '8' : '9'}${String(900_100 + n).padStart(9, '0')}`;
const invoice = (n: number) => `26352000900${String(n).padStart(9, '0')}`;
const mobile = (n: number) => `138000001${String(n).padStart(2, '0')}`;
const bankAccount = (n: number) => `6228 4800 9000 ${String(1000 + n)} 018`;

/** A one-page PDF a browser can show, so the reviewer's evidence viewer has something to open. ASCII only: its offsets are bytes. */
function demoPdf(title: string): Buffer {
  const stream = `BT /F1 20 Tf 72 760 Td (Huanxin DEMO evidence) Tj 0 -32 Td /F1 14 Tf (${title}) Tj 0 -24 Td (Not a real document.) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((n) => `${String(n).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const contextOf = (actor: {
  id: number | string;
  username: string;
  role: 'department' | 'resident';
  organizationId: number | string;
  organizationKind: RequestContext['actor']['organizationKind'];
}): RequestContext => ({
  actor: {
    kind: 'user',
    userId: Number(actor.id),
    username: actor.username,
    role: actor.role,
    organizationId: Number(actor.organizationId),
    organizationKind: actor.organizationKind,
    townId: null,
    sessionId: null,
  },
  requestId: null,
  ip: null,
  locale: 'zh-CN',
});

/**
 * The reviewer and the payer act as the demo accounts themselves, not as an anonymous seed: approval believes a
 * certificate checked by hand only from the user who opened it, and the trail then names who did each step.
 */
async function departmentContext(deps: AppDeps, username: string): Promise<RequestContext | null> {
  const row = await deps.database.db
    .selectFrom('users as u')
    .innerJoin('organizations as o', 'o.id', 'u.organization_id')
    .select(['u.id', 'u.username', 'u.organization_id', 'o.kind'])
    .where('u.username', '=', username)
    .where('u.status', '=', 'active')
    .executeTakeFirst();
  if (!row) return null;
  return contextOf({ id: row.id, username: row.username, role: 'department', organizationId: row.organization_id, organizationKind: row.kind });
}

/** A demo resident, registered as anyone would be (reused if an interrupted run made them), marked demo. */
async function demoResident(deps: AppDeps, c: DemoCase, n: number, residentsOrg: { id: number | string; kind: string }): Promise<RequestContext> {
  const db = deps.database.db;
  const existing = await db
    .selectFrom('users')
    .select(['id', 'username'])
    .where('mobile_hash', '=', deps.sealer.lookup(mobile(n)))
    .executeTakeFirst();
  const first17 = `350582${c.birth}${String(900 + n).padStart(3, '0')}`;
  const user =
    existing ??
    (await registerResident(deps, systemContext('seed-demo'), {
      mobile: mobile(n),
      password: DEMO_PASSWORD,
      realName: `${c.name}（演示）`,
      idNumber: first17 + computeCitizenIdCheckChar(first17),
    }));
  await db.updateTable('users').set({ is_demo: 1 }).where('id', '=', user.id).execute();
  return contextOf({
    id: user.id,
    username: user.username,
    role: 'resident',
    organizationId: residentsOrg.id,
    organizationKind: residentsOrg.kind as RequestContext['actor']['organizationKind'],
  });
}

async function upload(deps: AppDeps, ctx: RequestContext, kind: EvidenceKind, who: string) {
  const view = await storeAttachment(deps, ctx, `${kind}-demo.pdf`, demoPdf(`${kind} - ${who}`));
  return { attachmentId: view.id, kind };
}

/**
 * The dates the programme's rule and window accept, counted back from `today` so that none is in the future:
 * scrapped a fortnight or so ago (not before the rule's date), the new car bought after that and inside the window.
 */
function datesFor(rule: CarRule, validFrom: string, today: string, n: number) {
  const clamp = (d: string, floor: string | null) => (floor !== null && d < floor ? floor : d > today ? today : d);
  const deregisteredOn = clamp(addDays(today, -12 - n), rule.oldCar.disposedOnOrAfter);
  const invoiceDate = clamp(addDays(today, -6 - (n % 4)), validFrom > deregisteredOn ? validFrom : deregisteredOn);
  return { deregisteredOn, invoiceDate };
}

function applicationBody(c: DemoCase, n: number, programId: number, townId: number, rule: CarRule, validFrom: string, today: string) {
  const { deregisteredOn, invoiceDate } = datesFor(rule, validFrom, today, n);
  // The rule's "owned on or before" date moves with the programme's configuration; a demo owner must meet it.
  const limit = rule.oldCar.ownedOnOrBefore;
  const ownedSince = limit !== null && c.old.ownedSince > limit ? limit : c.old.ownedSince;
  const registeredOn = c.old.registeredOn > ownedSince ? ownedSince : c.old.registeredOn;
  const { displacementMl, ...newCar } = c.newCar;
  return {
    programId,
    townId,
    oldVehicle: {
      vin: oldVin(n, c.old.year),
      plate: c.old.plate,
      registeredOn,
      ownedSince,
      energyType: c.old.energyType,
      ...(c.old.emissionStandard ? { emissionStandard: c.old.emissionStandard } : {}),
    },
    scrapping: { certificateNumber: certificate(n), deregisteredOn },
    newVehicle: { vin: newVin(n), invoiceNumber: invoice(n), invoiceDate, ...newCar, ...(displacementMl ? { displacementMl } : {}) },
    bank: { bankName: c.bankName, accountName: c.name, account: bankAccount(n) },
    evidence: [] as { attachmentId: number; kind: EvidenceKind }[],
  };
}

/**
 * As a reviewer who checked the certificate by hand: the files are opened first, which is what approval asks for.
 * An application the rules (or an installed certificate verifier) found ineligible cannot be approved: it is left
 * awaiting review rather than failing the seed.
 */
async function approve(deps: AppDeps, reviewer: RequestContext, id: number, evidence: SubmitCarApplicationInput['evidence'], eligible: boolean) {
  if (!eligible) return false;
  for (const e of evidence) if (e.kind === 'scrapping_certificate') await readCarApplicationEvidence(deps, reviewer, id, e.attachmentId);
  await approveCarApplication(deps, reviewer, id, { certificateConfirmed: true, note: '（演示）材料齐全，报废机动车回收证明已人工核对' });
  return true;
}

/**
 * Once per database, about ten residents' scrapping applications to the open demo programme, each taken through
 * the real services (submission, 市商务局's review, 市财政局's batches) to a different step, so that the lists,
 * the timelines, the notifications and the budget show every state. Skipped when any of the demo's cars has
 * already applied, or when the demo accounts, the towns or an open demo programme are missing. The services stamp
 * the real time, so the steps all happen at the moment of seeding; only the cars' dates are in the past.
 */
export async function seedCarApplicationsDemo(deps: AppDeps, now = new Date()): Promise<Record<string, number>> {
  const db = deps.database.db;
  // The services judge dates by the real clock: a `now` ahead of it would give dates they call future.
  const today = shanghaiDate(Math.min(now.getTime(), Date.now()));
  const serviceToday = shanghaiDate();
  if (await db.selectFrom('cartradein_applications').select('id').where('old_vin', 'in', DEMO_OLD_VINS).executeTakeFirst()) return {};
  const program = await db
    .selectFrom('cartradein_programs')
    .select('id')
    .where('code', 'like', 'demo-car-scrapping-%')
    .where('status', '=', 'active')
    .where('valid_from', '<=', serviceToday)
    .where('valid_to', '>=', serviceToday)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  const loaded = program ? await loadProgramForApplication(db, Number(program.id)) : null;
  const towns = await db.selectFrom('organizations').select('id').where('kind', '=', 'town').where('status', '=', 'active').orderBy('code').execute();
  const residentsOrg = await db.selectFrom('organizations').select(['id', 'kind']).where('code', '=', RESIDENTS_ORGANIZATION_CODE).executeTakeFirst();
  const reviewer = await departmentContext(deps, 'demo_department');
  const payer = await departmentContext(deps, 'demo_finance');
  if (!loaded || !towns.length || !residentsOrg || !reviewer || !payer) return {};
  const { rule, validFrom } = loaded.view;

  const made: number[] = [];
  const toBatch: Record<'paid' | 'in_payment', number[]> = { paid: [], in_payment: [] };
  for (const [n, c] of CASES.entries()) {
    const resident = await demoResident(deps, c, n, residentsOrg);
    const townId = Number(towns[(n * 3) % towns.length]!.id);
    const body = applicationBody(c, n, loaded.view.id, townId, rule, validFrom, today);
    for (const kind of rule.evidence) body.evidence.push(await upload(deps, resident, kind, `${c.name} #${n + 1}`));
    // Parsed as the route would, so the demo's input is held to the same schema as a resident's.
    const input = submitCarApplicationBody.parse(body);
    const submitted = await submitCarApplication(deps, resident, input);
    const id = submitted.id;
    made.push(id);
    if (c.fate === 'returned') await returnCarApplication(deps, reviewer, id, REASONS.returned);
    if (c.fate === 'resubmitted') {
      // Returned because the certificate number was mistyped; sent again with the number and its file corrected.
      await returnCarApplication(deps, reviewer, id, REASONS.resubmitted);
      const { programId: _programId, ...fields } = input;
      const evidence = fields.evidence.filter((e) => e.kind !== 'scrapping_certificate');
      evidence.push(await upload(deps, resident, 'scrapping_certificate', `${c.name} #${n + 1} corrected`));
      await resubmitCarApplication(deps, resident, id, {
        ...fields,
        scrapping: { ...fields.scrapping!, certificateNumber: certificate(n, true) },
        evidence,
      });
    }
    if (c.fate === 'rejected') await rejectCarApplication(deps, reviewer, id, REASONS.rejected);
    if (c.fate !== 'approved' && c.fate !== 'in_payment' && c.fate !== 'paid') continue;
    if ((await approve(deps, reviewer, id, input.evidence, submitted.eligibility.eligible)) && c.fate !== 'approved') toBatch[c.fate].push(id);
  }

  // The paid batch first, as it would have been: an earlier batch settled, a later one waiting at the treasury.
  if (toBatch.paid.length) {
    const paid = await createPaymentBatch(deps, payer, { applicationIds: toBatch.paid, note: '（演示）汽车报废更新补贴拨付批次（已拨付）' });
    await markPaymentBatchPaid(deps, payer, paid.id, { reference: `（演示）国库集中支付凭证 GK${serviceToday.replaceAll('-', '')}0001` });
  }
  if (toBatch.in_payment.length)
    await createPaymentBatch(deps, payer, { applicationIds: toBatch.in_payment, note: '（演示）汽车报废更新补贴拨付批次（待拨付）' });
  // Counted from what was recorded, not from the plan: a step a verifier refused shows here as not taken.
  const rows = await db.selectFrom('cartradein_applications').select(['status', 'resubmissions']).where('id', 'in', made).execute();
  const counts: Record<string, number> = {};
  for (const r of rows) {
    const fate = r.status === 'submitted' && r.resubmissions > 0 ? 'resubmitted' : r.status;
    counts[fate] = (counts[fate] ?? 0) + 1;
  }
  return counts;
}
