import type { DictionaryDefinition } from '../../../core/extensions.js';
import { DIGITAL_RD_TOOL_DICTIONARY } from '../../../../shared/enums/renewalSurvey.js';

/**
 * The digital R&D and design tools a survey response names (数字化研发设计工具), kept by officials at
 * /admin/dictionaries; responses store the codes.
 */
export const surveyDictionaries: readonly DictionaryDefinition[] = [
  {
    code: DIGITAL_RD_TOOL_DICTIONARY,
    name: { 'zh-CN': '数字化研发设计工具', en: 'Digital R&D and design tools' },
    description: {
      'zh-CN': '企业数字化调查中填报的数字化研发设计工具类别，用于计算数字化研发设计工具普及率',
      en: 'Kinds of digital R&D and design tools enterprises report in the digitalisation survey',
    },
    items: [
      { code: 'cad', label: { 'zh-CN': 'CAD 计算机辅助设计', en: 'CAD (computer-aided design)' } },
      { code: 'cae', label: { 'zh-CN': 'CAE 计算机辅助工程', en: 'CAE (computer-aided engineering)' } },
      { code: 'cam', label: { 'zh-CN': 'CAM 计算机辅助制造', en: 'CAM (computer-aided manufacturing)' } },
      { code: 'capp', label: { 'zh-CN': 'CAPP 计算机辅助工艺规划', en: 'CAPP (computer-aided process planning)' } },
      { code: 'pdm_plm', label: { 'zh-CN': 'PDM/PLM 产品数据/生命周期管理', en: 'PDM/PLM (product data / lifecycle management)' } },
      { code: 'eda', label: { 'zh-CN': 'EDA 电子设计自动化', en: 'EDA (electronic design automation)' } },
      { code: 'simulation', label: { 'zh-CN': '仿真软件', en: 'Simulation software' } },
      { code: 'other', label: { 'zh-CN': '其他', en: 'Other' } },
    ],
  },
];
