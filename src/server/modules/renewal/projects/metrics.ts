import { windowDates, type MetricDefinition, type MetricParams } from '../../../core/metrics.js';
import { fenToYi } from '../../../../shared/money.js';
import type { Queryable } from '../../../db/database.js';
import type { ProjectSector } from '../../../../shared/enums/renewalProjects.js';

/**
 * Equipment investment (设备购置投资) completed in the window: the actual equipment share of projects completed (竣工)
 * then, in the given sectors (all seven when none are named). Investment is counted when the project completes with
 * its evidenced actual figures — what is spent on a project still under construction is not known here yet.
 */
function equipmentInvestment(name: string, description: string, sectors?: readonly ProjectSector[]): MetricDefinition {
  return {
    name,
    description,
    unit: '亿元',
    async compute(db: Queryable, p: MetricParams) {
      const { first, last } = windowDates(p);
      let q = db
        .selectFrom('renewal_projects')
        .select((eb) => eb.fn.sum<number | string | null>('actual_equipment_fen').as('fen'))
        .where('status', '=', 'completed')
        .where('completed_on', '>=', first)
        .where('completed_on', '<=', last);
      if (sectors) q = q.where('sector', 'in', sectors);
      if (p.townId) q = q.where('town_id', '=', p.townId);
      return fenToYi((await q.executeTakeFirst())?.fen);
    },
  };
}

/**
 * The project figures the plan's indicators read. A1-T1-01 "每年组织实施技术改造项目300个以上" and A1-T1-02 "完成技改投资150
 * 亿元以上" are 二(一)1's industrial technical retrofits (加快重点行业技术改造 — 工业技术改造和设备更新): projects of the
 * 工业 sector, of every type (技术改造 there covers 数字化、智能化、能效、安全、环保 retrofits and 设备更新 alike).
 */
export const projectsMetrics: MetricDefinition[] = [
  {
    name: 'renewal.projects.retrofitStarted',
    description:
      '开工实施的工业技术改造项目数（工业领域、入库后开工日期在期内，含期内已竣工） / industrial retrofit projects whose construction started in the window (library projects of the 工业 sector, by start date)',
    unit: '个',
    async compute(db: Queryable, p: MetricParams) {
      const { first, last } = windowDates(p);
      let q = db
        .selectFrom('renewal_projects')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('sector', '=', 'industry')
        .where('status', 'in', ['under_construction', 'completed'])
        .where('started_on', '>=', first)
        .where('started_on', '<=', last);
      if (p.townId) q = q.where('town_id', '=', p.townId);
      return Number((await q.executeTakeFirst())?.n ?? 0);
    },
  },
  {
    name: 'renewal.projects.investmentCompleted',
    description:
      '完成技改投资（亿元）：工业领域期内竣工项目的实际投资 / retrofit investment completed (亿元): actual investment of 工业-sector projects completed in the window',
    unit: '亿元',
    async compute(db: Queryable, p: MetricParams) {
      const { first, last } = windowDates(p);
      let q = db
        .selectFrom('renewal_projects')
        .select((eb) => eb.fn.sum<number | string | null>('actual_investment_fen').as('fen'))
        .where('sector', '=', 'industry')
        .where('status', '=', 'completed')
        .where('completed_on', '>=', first)
        .where('completed_on', '<=', last);
      if (p.townId) q = q.where('town_id', '=', p.townId);
      return fenToYi((await q.executeTakeFirst())?.fen);
    },
  },
  {
    name: 'renewal.recognitions.smartFactoriesAndScenes',
    description:
      '新增智能制造示范工厂和优秀场景数（各级认定，按首次认定日期；同一工厂或场景再获更高级别认定不重复计） / new smart-manufacturing demonstration factories and excellent scenes (any level, by first recognition; a higher level later is not counted again)',
    unit: '个',
    async compute(db: Queryable, p: MetricParams) {
      const { first, last } = windowDates(p);
      // A factory or scene is new once: recognised again at a higher level later, it is not counted again.
      let q = db
        .selectFrom('renewal_recognitions as r')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('r.recognized_on', '>=', first)
        .where('r.recognized_on', '<=', last)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('renewal_recognitions as e')
                .select('e.id')
                .whereRef('e.kind', '=', 'r.kind')
                .whereRef('e.organization_id', '=', 'r.organization_id')
                .where((w) => w.or([w.and([w('e.project_id', 'is', null), w('r.project_id', 'is', null)]), w('e.project_id', '=', w.ref('r.project_id'))]))
                .where((w) =>
                  w.or([
                    w('e.recognized_on', '<', w.ref('r.recognized_on')),
                    w.and([w('e.recognized_on', '=', w.ref('r.recognized_on')), w('e.id', '<', w.ref('r.id'))]),
                  ]),
                ),
            ),
          ),
        );
      if (p.townId) q = q.where('r.town_id', '=', p.townId);
      return Number((await q.executeTakeFirst())?.n ?? 0);
    },
  },
  // A1-S-01 "工业、农业、建筑、交通、教育、文旅、医疗等领域设备投资规模较2023年增长25%以上": the plan takes the quantity
  // and computes the growth against the 2023 baseline the office enters.
  equipmentInvestment(
    'renewal.projects.equipmentInvestmentCompleted',
    '七大领域设备投资（亿元）：期内竣工项目的实际设备购置投资，仅含在本平台登记的项目（下限） / equipment investment (亿元) of projects in the seven sectors completed in the window; only projects recorded here (a lower bound)',
  ),
  // A1-T11-01 "到2027年完成文化旅游设备更新投资1亿元".
  equipmentInvestment(
    'renewal.projects.tourismEquipmentInvestment',
    '文化旅游设备更新投资（亿元）：文旅领域期内竣工项目的实际设备购置投资（下限） / culture and tourism equipment renewal investment (亿元): actual equipment investment of 文旅 projects completed in the window (a lower bound)',
    ['culture_tourism'],
  ),
  // A1-T12-01 "医疗装备投资规模较2023年增长25%以上".
  equipmentInvestment(
    'renewal.projects.medicalEquipmentInvestment',
    '医疗装备投资（亿元）：医疗领域期内竣工项目的实际设备购置投资（下限） / medical equipment investment (亿元): actual equipment investment of 医疗 projects completed in the window (a lower bound)',
    ['healthcare'],
  ),
];
