/** Values of the renewal projects (the plan's 二(一)) that server and web share, in the order pages show them. */

/** The plan's seven sectors: 工业, 农业, 建筑, 交通, 教育, 文旅, 医疗. */
export const PROJECT_SECTORS = ['industry', 'agriculture', 'construction', 'transport', 'education', 'culture_tourism', 'healthcare'] as const;
export type ProjectSector = (typeof PROJECT_SECTORS)[number];

/** 技术改造, 数字化改造, 智能化升级, 能效提升, 安全改造, 环保改造, 设备更新. */
export const PROJECT_TYPES = [
  'technical_retrofit',
  'digital_transformation',
  'intelligent_upgrade',
  'energy_efficiency',
  'safety_retrofit',
  'environmental_retrofit',
  'equipment_renewal',
] as const;
export type ProjectType = (typeof PROJECT_TYPES)[number];

/**
 * A project's way: drafted by its enterprise, submitted, checked by its town, approved by the department into the
 * project library (入库), under construction, completed (竣工). `returned`: sent back with a reason at the town
 * check or the department's approval; the enterprise edits it and submits again.
 */
export const PROJECT_STATUSES = ['draft', 'submitted', 'town_checked', 'in_library', 'under_construction', 'completed', 'returned'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** The steps a project goes through, in order (returned is not one). */
export const PROJECT_STEPS = [
  'draft',
  'submitted',
  'town_checked',
  'in_library',
  'under_construction',
  'completed',
] as const satisfies readonly ProjectStatus[];

/** The steps the simplified path (no new land, mainly equipment) may skip: the town check. */
export const SKIPPABLE_PROJECT_STEPS = ['none', 'town_check'] as const;
export type SkippableProjectStep = (typeof SKIPPABLE_PROJECT_STEPS)[number];

/** How a project came into the system: registered by its enterprise, or imported from a department's list. */
export const PROJECT_ORIGINS = ['registered', 'imported'] as const;
export type ProjectOrigin = (typeof PROJECT_ORIGINS)[number];

/** 智能制造示范工厂, 智能制造优秀场景. */
export const RECOGNITION_KINDS = ['demonstration_factory', 'excellent_scene'] as const;
export type RecognitionKind = (typeof RECOGNITION_KINDS)[number];

/** 国家级, 省级, 泉州市级, 晋江市级. */
export const RECOGNITION_LEVELS = ['national', 'provincial', 'quanzhou', 'jinjiang'] as const;
export type RecognitionLevel = (typeof RECOGNITION_LEVELS)[number];

/** A project code as the system issues it: RP-<year>-<six digits>; imported lists keep their own (letters, digits, -). */
export const PROJECT_CODE = /^[0-9A-Za-z][0-9A-Za-z_-]{2,39}$/;

const FEN_PER_WAN = 1_000_000;

/** 万元 as departments and forms write them, exactly to the fen (six decimals); null when it is not such a number. */
export function wanToFen(text: string): number | null {
  const cleaned = text.replace(/[,，\s]/g, '');
  const m = /^(\d{1,9})(?:\.(\d{0,6}))?$/.exec(cleaned);
  if (!m) return null;
  return Number(m[1]) * FEN_PER_WAN + Number((m[2] ?? '').padEnd(6, '0'));
}

/** Fen as 万元 text, without trailing zeros (12,005,000,000 fen is "1200.5"). */
export function fenToWanText(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  const whole = Math.floor(fen / FEN_PER_WAN);
  const rest = String(fen % FEN_PER_WAN)
    .padStart(6, '0')
    .replace(/0+$/, '');
  return rest ? `${whole}.${rest}` : String(whole);
}
