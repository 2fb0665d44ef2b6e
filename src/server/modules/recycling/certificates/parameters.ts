import type { ParameterDefinition } from '../../../core/parameters.js';

/** How a recycling certificate proves an old item at a trade-in sale (module contract `parameters`). */
export const certificateParameters: readonly ParameterDefinition[] = [
  {
    key: 'recycling.certificateMaxAgeDays',
    type: 'integer',
    default: 90,
    min: 1,
    max: 730,
    unit: { 'zh-CN': '天', en: 'days' },
    label: { 'zh-CN': '回收证明有效期', en: 'Recycling certificate validity' },
    description: {
      'zh-CN': '回收证明开具后多少天内可作为以旧换新的旧机交售凭证',
      en: 'For how many days after issue a recycling certificate proves the old item of a trade-in sale',
    },
  },
  {
    key: 'recycling.manualOldItemProofAllowed',
    type: 'boolean',
    default: true,
    label: { 'zh-CN': '允许人工旧机凭证', en: 'Manual old-item proofs allowed' },
    description: {
      'zh-CN': '未取得回收证明时，是否仍接受附照片的人工凭证（标记为人工，供复核）',
      en: 'Whether a reference with a photo is still taken where there is no recycling certificate (marked manual for review)',
    },
  },
];

declare module '../../../core/parameters.js' {
  interface ParameterValues {
    'recycling.certificateMaxAgeDays': number;
    'recycling.manualOldItemProofAllowed': boolean;
  }
}
