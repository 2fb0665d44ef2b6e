import type { EnumParameter, ParameterDefinition } from '../../../core/parameters.js';

/**
 * What a car application's scrapping certificate that no dismantler here recorded means. A car may be scrapped at
 * any qualified dismantler in the country, and the platform holds only the city's: by default such a certificate is
 * left to the reviewer's check by hand (as before the dismantlers' records existed), named `certificate_unknown`.
 * Once 市商务局 knows every car its programmes subsidise goes through a dismantler on the platform, `mismatch`
 * makes an unknown certificate a contradiction (the application is not eligible).
 */
export const unknownCertificateParameter: EnumParameter = {
  key: 'recycling.vehicles.unknownCertificate',
  type: 'enum',
  default: 'manual',
  values: [
    { value: 'manual', label: { 'zh-CN': '转人工核对', en: 'Checked by hand' } },
    { value: 'mismatch', label: { 'zh-CN': '视为不符', en: 'A mismatch' } },
  ],
  label: { 'zh-CN': '拆解记录中没有的报废证明', en: 'Scrapping certificate no dismantler recorded' },
  description: {
    'zh-CN': '汽车报废更新申请所附报废机动车回收证明在本市拆解企业记录中查无此证时：转审核人员人工核对，或直接视为与记录不符',
    en: 'When a car application cites a scrapping certificate none of the city’s dismantlers recorded: leave it to the reviewer’s check by hand, or count it as a mismatch',
  },
};

export const vehiclesParameters: readonly ParameterDefinition[] = [unknownCertificateParameter];

declare module '../../../core/parameters.js' {
  interface ParameterValues {
    'recycling.vehicles.unknownCertificate': 'manual' | 'mismatch';
  }
}
