import type { Messages } from '../../../../i18n/catalogue';

/** Messages of the cascade pages. */
export const cascadeMessages = {
  'nav.planCascade': { 'zh-CN': '目标层层分解', en: 'Target cascade' },
  'nav.planCascade.desc': {
    'zh-CN': '国家—省—市—县同一指标的目标、完成情况与本级占比',
    en: 'One indicator from the national plan down to Jinjiang: targets, actuals and each level’s share',
  },
  'plan.cascade.title': { 'zh-CN': '目标层层分解', en: 'Target cascade' },
  'plan.cascade.subtitle': { 'zh-CN': '{plan} 的指标与上级方案对应指标', en: 'Indicators of {plan} and their parent plans’ indicators' },
  'plan.cascade.pick': { 'zh-CN': '选择有上级指标的指标', en: 'Choose an indicator that has a parent' },
  'plan.cascade.none': {
    'zh-CN': '本方案还没有指标关联上级方案的指标（上级方案未作为参考数据载入）',
    en: 'No indicator of this plan is linked to a parent plan yet (the parent plans are not loaded as reference data)',
  },
  'plan.cascade.level.national': { 'zh-CN': '国家', en: 'National' },
  'plan.cascade.level.province': { 'zh-CN': '省', en: 'Province' },
  'plan.cascade.level.city': { 'zh-CN': '市', en: 'City' },
  'plan.cascade.level.county': { 'zh-CN': '县（市）', en: 'County' },
  'plan.cascade.reference': { 'zh-CN': '参考数据', en: 'Reference data' },
  'plan.cascade.referenceHint': {
    'zh-CN': '据公开发布的原文转录，正式使用前请核对（{provenance}）',
    en: 'Transcribed from the published text; verify before official use ({provenance})',
  },
  'plan.cascade.target': { 'zh-CN': '目标', en: 'Target' },
  'plan.cascade.baseline': { 'zh-CN': '基期', en: 'Baseline' },
  'plan.cascade.actual': { 'zh-CN': '完成', en: 'Actual' },
  'plan.cascade.share': { 'zh-CN': '占上级', en: 'Share of the level above' },
  'plan.cascade.clause': { 'zh-CN': '原文', en: 'Clause' },
  'plan.cascade.noData.reference_plan': {
    'zh-CN': '无数据：参考方案，平台只采集晋江的数据',
    en: 'No data: a reference plan; the platform observes only Jinjiang’s figures',
  },
  'plan.cascade.noData.no_observations': { 'zh-CN': '无数据：尚无已审核的报送或统计', en: 'No data: nothing reported or measured yet' },
  'plan.cascade.actualAsOf': { 'zh-CN': '截至 {at}', en: 'as of {at}' },
  'plan.cascade.share.additive': {
    'zh-CN': '本级目标占上级目标 {share}（{year}年：{child} / {parent} {unit}）',
    en: 'This level’s target is {share} of the level above ({year}: {child} of {parent} {unit})',
  },
  'plan.cascade.share.actual': { 'zh-CN': '已完成部分占上级目标 {share}', en: 'Done so far: {share} of the level above’s target' },
  'plan.cascade.share.not_additive.rate': {
    'zh-CN': '增长率、比率类目标不能相加，不计算占比',
    en: 'Growth rates and percentages do not add up: no share is computed',
  },
  'plan.cascade.share.not_additive.kind': {
    'zh-CN': '水平值、增长、占比类目标不能相加，不计算占比',
    en: 'Levels, growth and share targets do not add up: no share is computed',
  },
  'plan.cascade.compare.same': { 'zh-CN': '本级目标与上级相同', en: 'Same aim as the level above' },
  'plan.cascade.compare.higher': { 'zh-CN': '本级目标高于上级', en: 'A higher aim than the level above' },
  'plan.cascade.compare.lower': { 'zh-CN': '本级目标低于上级', en: 'A lower aim than the level above' },
  'plan.cascade.share.unit_mismatch': { 'zh-CN': '单位不同（{child} / {parent}），无法折算', en: 'Different units ({child} vs {parent}): cannot be converted' },
  'plan.cascade.share.kind_mismatch': { 'zh-CN': '口径不同（累计/年度），不计算占比', en: 'Cumulative vs annual: no share is computed' },
  'plan.cascade.share.no_common_year': { 'zh-CN': '两级没有同一年份的目标', en: 'The two levels state no target for the same year' },
  'plan.cascade.missing.not_loaded': {
    'zh-CN': '{doc}：平台未载入该方案，本级缺失（不补造数据）',
    en: '{doc}: this plan is not in the platform; the level is missing (nothing is made up)',
  },
  'plan.cascade.missing.not_linked': {
    'zh-CN': '{doc}：方案已载入，但指标未关联到该级',
    en: '{doc}: the plan is loaded, but no link passes through it',
  },
  'plan.cascade.missing.unresolved': {
    'zh-CN': '{doc}：关联的指标 {indicator} 未找到',
    en: '{doc}: the linked indicator {indicator} is not there',
  },
  'plan.cascade.openDrawer': { 'zh-CN': '查看上下级目标', en: 'See the target cascade' },
  'plan.cascade.chain': { 'zh-CN': '分解链', en: 'The chain' },
} satisfies Messages;
