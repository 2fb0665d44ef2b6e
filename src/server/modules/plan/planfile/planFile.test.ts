import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { parsePlanFile, PlanFileError, type PlanFile, type PlanFileIndicator, type PlanFileMilestone } from './planFileSchema.js';
import { ALLOWED_UNITS, EXPECTED_INDICATORS, EXPECTED_TASK_UNITS } from './planFile.expected.js';

const dir = import.meta.dirname;
const rawJson = readFileSync(join(dir, 'data', 'jinjiang-2024-98.json'), 'utf8');
const source = readFileSync(join(dir, 'source', 'jinjiang-2024-98.txt'), 'utf8');
const strip = (s: string) => s.replace(/\s+/g, '');
const flatSource = strip(source);

const plan: PlanFile = parsePlanFile(JSON.parse(rawJson));

const allTasks = plan.actions.flatMap((a) => a.tasks.map((t) => ({ action: a, task: t })));
const allIndicators: PlanFileIndicator[] = plan.actions.flatMap((a) => [...a.indicators, ...a.tasks.flatMap((t) => t.indicators)]);
const allMilestones: PlanFileMilestone[] = plan.actions.flatMap((a) => [...a.milestones, ...a.tasks.flatMap((t) => t.milestones)]);

describe('plan file 晋政文〔2024〕98号', () => {
  it('parses and carries the document metadata', () => {
    expect(plan.formatVersion).toBe(1);
    expect(plan.code).toBe('JJ-2024-98');
    expect(plan.docNumber).toBe('晋政文〔2024〕98号');
    expect(plan.title).toBe('晋江市推动大规模设备更新和消费品以旧换新行动工作方案');
    expect(plan.issuer).toBe('晋江市人民政府');
    expect(plan.issuedOn).toBe('2024-06-05');
    expect(plan.region).toEqual({ code: '350582', name: '晋江市' });
    expect([plan.startYear, plan.endYear]).toEqual([2024, 2027]);
    expect(plan.parentPlans).toEqual(['国发〔2024〕7号', '闽政〔2024〕5号', '泉政〔2024〕2号']);
    expect(plan.townsImplementAll).toBe(true);
    for (const docNumber of [plan.docNumber, ...plan.parentPlans]) expect(flatSource).toContain(docNumber);
    expect(flatSource).toContain('以下工作均需各镇〈街道〉、经济开发区落实，不再单独列出');
  });

  it('is stored as 2-space indented JSON', () => {
    expect(rawJson).toBe(`${JSON.stringify(JSON.parse(rawJson), null, 2)}\n`);
  });

  it('has 10 actions: 5 key tasks and 5 safeguard measures, with the plan headings', () => {
    expect(plan.actions.map((a) => a.code)).toEqual(['A1', 'A2', 'A3', 'A4', 'A5', 'M1', 'M2', 'M3', 'M4', 'M5']);
    expect(plan.actions.map((a) => a.section)).toEqual([...Array(5).fill('task'), ...Array(5).fill('measure')]);
    expect(plan.actions.map((a) => a.title)).toEqual([
      '实施大规模设备更新行动',
      '有序实施消费品以旧换新行动',
      '积极推进回收循环利用行动',
      '有效实施标准提升行动',
      '拓展优势产品供给行动',
      '加强组织领导',
      '加大财税支持力度',
      '优化金融支持',
      '加强要素保障',
      '推动科技创新支撑',
    ]);
    for (const a of plan.actions) expect(flatSource).toContain(`${a.number}${a.title}`);
  });

  it('has 31 tasks: 12, 3, 5, 3, 3 numbered items and one per measure', () => {
    expect(plan.actions.map((a) => a.tasks.length)).toEqual([12, 3, 5, 3, 3, 1, 1, 1, 1, 1]);
    expect(allTasks).toHaveLength(31);
    for (const { action, task } of allTasks) {
      if (action.section === 'task') expect(flatSource).toContain(`${task.number}．${task.title}。`);
      else expect(task.title).toBe(action.title);
    }
  });

  it('keeps the original text verbatim (ignoring whitespace)', () => {
    expect(flatSource).toContain(strip(plan.preamble));
    expect(flatSource).toContain(strip(plan.generalRequirements));
    for (const a of plan.actions) expect(flatSource).toContain(strip(a.text));
    for (const { task } of allTasks) {
      expect(flatSource, task.title).toContain(strip(task.text));
      expect(task.text).not.toContain('责任单位');
    }
    for (const x of [...allIndicators, ...allMilestones]) expect(flatSource, x.code).toContain(strip(x.text));
  });

  it('covers the whole body of the plan: every numbered item and measure in full', () => {
    // Each task text runs right up to its （责任单位：…） parenthesis.
    for (const { task } of allTasks) expect(flatSource, task.title).toContain(`${strip(task.text)}（责任单位：`);
    // Section paragraphs run from the heading to item 1 (or are empty where the heading is directly followed by item 1).
    for (const a of plan.actions.filter((x) => x.section === 'task')) {
      expect(flatSource, a.code).toContain(`${a.number}${a.title}${strip(a.text)}1．`);
    }
  });

  it('encodes every quantitative target exactly', () => {
    expect(allIndicators.map((i) => i.code).sort()).toEqual(Object.keys(EXPECTED_INDICATORS).sort());
    for (const ind of allIndicators) {
      const { code, name, nameEn, text, assignedByOffice, ...rest } = ind;
      expect(rest, code).toEqual(EXPECTED_INDICATORS[code]);
      expect(assignedByOffice, code).toBe(ind.relatedTask !== null);
      expect(name.length, code).toBeGreaterThan(0);
      expect(nameEn.length, code).toBeGreaterThan(0);
      expect(text.length, code).toBeGreaterThan(0);
    }
  });

  it('each indicator clause states the value, unit and qualifier it is encoded with', () => {
    const qualifier: Record<string, RegExp> = { '≥': /以上|达到|达|全覆盖|全面/, '>': /超过|超/, '≈': /约/ };
    for (const ind of allIndicators) {
      const last = ind.targets[ind.targets.length - 1]!;
      const shown = ind.unit === '%' && ind.text.match(/全覆盖|全面|一倍/) ? '' : `${last.value}${ind.unit === '百分点' ? '个百分点' : ind.unit}`;
      expect(ind.text, ind.code).toContain(shown);
      if (ind.comparator !== '≥' || /以上|超|约/.test(ind.text)) expect(ind.text, ind.code).toMatch(qualifier[ind.comparator]!);
      if (ind.baseline) expect(ind.text, ind.code).toContain(`较${ind.baseline.year}年`);
      if (ind.yearOnYear || ind.targets.length === 4) expect(ind.text, ind.code).toContain('每年');
      expect(ind.isEffort, ind.code).toBe(ind.text.includes('力争'));
    }
  });

  it('names responsible units exactly as the plan does, in order, using facts.md names', () => {
    // Derive each item's units from the source parenthesis and compare with the file.
    const groups = [...flatSource.matchAll(/（责任单位：(.*?)）/g)].map((m) => m[1]!);
    expect(groups).toHaveLength(allTasks.length);
    const normalise = (name: string) => (ALLOWED_UNITS.includes(name) ? name : `市${name}`);
    allTasks.forEach(({ action, task }, i) => {
      const listed = groups[i]!.split(/[，；]/)[0]!
        .split('、')
        .map(normalise);
      expect(EXPECTED_TASK_UNITS[`${action.code}-${task.number}`], `${action.code}-${task.number}`).toEqual(task.units);
      if (groups[i] === '市直有关部门') {
        expect(task.allDepartments).toBe(true);
        expect(task.units).toEqual(['市发改局']);
        expect(task.note).toMatch(/市发改局/);
      } else {
        expect(task.allDepartments).toBe(false);
        expect(task.units, `${action.code}-${task.number}`).toEqual(listed);
      }
    });
  });

  it('uses only responsible units listed in facts.md', () => {
    const used = new Set<string>();
    for (const { task } of allTasks) task.units.forEach((u) => used.add(u));
    for (const x of [...allIndicators, ...allMilestones]) x.units.forEach((u) => used.add(u));
    for (const u of used) expect(ALLOWED_UNITS, u).toContain(u);
    for (const u of used) expect(flatSource, u).toContain(u.replace(/^市(?!市)/, '').replace(/^市市/, '市'));
  });

  it('makes every town carry out every task', () => {
    for (const { task } of allTasks) expect(task.townsImplement).toBe(true);
  });

  it('gives every task at least one indicator or milestone, and milestones the task or related-task units', () => {
    for (const { action, task } of allTasks) {
      expect(task.indicators.length + task.milestones.length, `${action.code}-${task.number}`).toBeGreaterThan(0);
      for (const m of task.milestones) {
        expect(m.units, m.code).toEqual(task.units);
        expect(m.dueYear).toBeGreaterThanOrEqual(plan.startYear);
        expect(m.dueYear).toBeLessThanOrEqual(plan.endYear);
      }
    }
    for (const a of plan.actions) {
      for (const m of a.milestones) expect(m.units, m.code).toEqual(a.tasks.find((t) => t.number === m.relatedTask)!.units);
    }
  });

  it('encodes the qualitative commitments the brief singles out as milestones', () => {
    const titles = allMilestones.map((m) => `${m.code} ${m.text}`);
    const has = (code: string, fragment: string) =>
      expect(
        titles.some((t) => t.startsWith(`${code} `) && t.includes(fragment)),
        `${code} ${fragment}`,
      ).toBe(true);
    has('A1-S-M1', '重点行业主要用能设备能效基本达到节能水平');
    has('A1-S-M2', '环保绩效达到A级水平的产能比例大幅提升');
    has('A3-S-M1', '再生材料在资源供给中的占比进一步提升');
    has('A3-T2-M1', '出台再生资源回收行业经营管理导则');
    has('A3-T3-M2', '落实全面取消二手车限迁政策');
    has('A3-T3-M3', '推出“二手车转让代出口”');
    has('A3-T3-M4', '探索建立二手商品企业信用制度');
    has('A4-S-M1', '培育一批“双碳”认证企业');
    has('M1-T1-M1', '工作专班');
    has('M2-T1-M4', '“反向开票”');
    has('M4-T1-M4', '设立报废回收公司机动车服务站');
    has('M4-T1-M5', '推出二手车“交钥匙服务”');
    has('M4-T1-M6', '“报废解体—车辆注销”');
  });

  it('keeps the source copy identical in content to the seed text', () => {
    expect(flatSource.startsWith('晋政文〔2024〕98号')).toBe(true);
    expect(flatSource.endsWith('晋江市人民政府办公室2024年6月5日印发')).toBe(true);
  });
});

describe('parsePlanFile', () => {
  const clone = (): PlanFile => JSON.parse(rawJson) as PlanFile;
  const errorOf = (value: unknown): PlanFileError => {
    try {
      parsePlanFile(value);
    } catch (e) {
      if (e instanceof PlanFileError) return e;
      throw e;
    }
    throw new Error('expected parsePlanFile to throw');
  };

  it('rejects a wrong shape with a readable message listing paths', () => {
    const bad = clone() as unknown as { actions: { tasks: { units: unknown }[] }[]; formatVersion: unknown };
    bad.formatVersion = 2;
    bad.actions[0]!.tasks[0]!.units = ['市工信局', ''];
    const err = errorOf(bad);
    expect(err.message).toMatch(/^Invalid plan file/);
    expect(err.message).toContain('formatVersion');
    expect(err.message).toContain('actions[0].tasks[0].units[1]');
  });

  it('rejects duplicate indicator and milestone codes', () => {
    const bad = clone();
    bad.actions[1]!.indicators[0]!.code = 'A1-S-01';
    bad.actions[0]!.tasks[1]!.milestones[0]!.code = 'A1-T1-M1';
    const msg = errorOf(bad).message;
    expect(msg).toContain('duplicate indicator code A1-S-01');
    expect(msg).toContain('duplicate milestone code A1-T1-M1');
  });

  it('rejects a relatedTask that does not exist in its action', () => {
    const bad = clone();
    bad.actions[3]!.indicators[0]!.relatedTask = 9;
    expect(errorOf(bad).message).toContain('actions[3].indicators[0].relatedTask: relatedTask 9 does not exist in action A4');
  });

  it('rejects unsorted, duplicate or out-of-period target years, but allows an earlier baseline', () => {
    const unsorted = clone();
    const t8 = unsorted.actions[0]!.tasks[7]!.indicators[0]!;
    t8.targets = [
      { year: 2027, value: 60 },
      { year: 2025, value: 40 },
    ];
    expect(errorOf(unsorted).message).toContain('targets not sorted by year');

    const dup = clone();
    dup.actions[0]!.tasks[0]!.indicators[0]!.targets = [
      { year: 2025, value: 300 },
      { year: 2025, value: 300 },
    ];
    expect(errorOf(dup).message).toContain('duplicate target year 2025');

    const outside = clone();
    outside.actions[0]!.indicators[0]!.targets = [{ year: 2030, value: 25 }];
    expect(errorOf(outside).message).toContain('target year 2030 is outside 2024..2027');

    const early = clone();
    early.actions[0]!.indicators[0]!.baseline = { year: 2020 };
    expect(() => parsePlanFile(early)).not.toThrow();
  });

  it('rejects an unknown key', () => {
    const bad = clone() as unknown as Record<string, unknown>;
    bad.extra = true;
    expect(() => parsePlanFile(bad)).toThrow(PlanFileError);
  });
});
