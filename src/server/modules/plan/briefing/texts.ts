/**
 * The briefing's fixed wording. An official document (公文) is issued in Chinese only, so these are not in the
 * bilingual message catalogue; the web shows the briefing's name from its own messages.
 */

/** 发文机关 and 印发机关: the office of the work team the plan sets up (晋政文〔2024〕98号). */
export const ISSUER = '晋江市推动大规模设备更新和消费品以旧换新工作专班办公室';
/** The office's name as the 发文机关标志 sets it, over two lines broken between words. */
export const ISSUER_LINES = ['晋江市推动大规模设备更新和', '消费品以旧换新工作专班办公室'] as const;
export const BRIEFING_KIND = '简报';
/** 抄送: those who see the briefing without being its 主送 (the work team's members read it as the team). */
export const COPIES_TO = '市委办、市人大常委会办、市政府办、市政协办，工作专班各成员单位，各镇人民政府、街道办事处，经济开发区管委会。';

export const NEXT_STEPS = [
  '（一）对标序时进度抓推进。请各牵头单位对照滞后及风险指标和预警事项，逐项分析原因，明确整改措施和完成时限，确保按期完成年度目标任务。',
  '（二）压实责任抓报送。请各责任单位按时报送下期进展，对数据严格把关；逾期未报单位请于三个工作日内补报，并说明逾期原因。',
  '（三）强化督办抓落实。工作专班办公室将持续跟踪三色预警事项，对红色预警事项实行清单化督办，推动各项政策措施落地见效。',
];
