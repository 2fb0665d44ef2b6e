import type { DictionaryDefinition } from '../../../core/extensions.js';
import { CERTIFICATION_KIND_DICTIONARY } from '../../../../shared/enums/renewalStandards.js';

type Item = DictionaryDefinition['items'][number];
const item = (code: string, zh: string, en: string): Item => ({ code, label: { 'zh-CN': zh, en } });

/**
 * The certification kinds the plan's 四(一) names (双碳 certifications, 能效领跑者, 企业标准领跑者, 绿色工厂); officials
 * add others at /admin/dictionaries. Certifications store the codes.
 */
export const standardsDictionaries: readonly DictionaryDefinition[] = [
  {
    code: CERTIFICATION_KIND_DICTIONARY,
    name: { 'zh-CN': '认证类别', en: 'Certification kinds' },
    description: {
      'zh-CN': '企业获得的双碳、能效、标准领跑者和绿色制造等认证的类别',
      en: 'Kinds of certification enterprises hold: carbon, energy efficiency, standards front-runner, green manufacturing',
    },
    items: [
      item('carbon_footprint', '双碳：产品碳足迹认证', 'Carbon: product carbon footprint'),
      item('carbon_neutral', '双碳：碳中和认证', 'Carbon: carbon neutrality'),
      item('energy_efficiency_leader', '能效领跑者', 'Energy-efficiency front-runner'),
      item('standard_leader', '企业标准领跑者', 'Enterprise standards front-runner'),
      item('green_factory', '绿色工厂', 'Green factory'),
      item('green_design_product', '绿色设计产品', 'Green-design product'),
      item('other', '其他', 'Other'),
    ],
  },
];
