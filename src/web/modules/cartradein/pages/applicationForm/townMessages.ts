/** Texts of the applicant's town on car applications: the form's select, the lists' column and filter, unknown towns. */
import type { Messages } from '../../../../i18n/catalogue';

export const carTownMessages = {
  'car.form.town': { 'zh-CN': '申请人所在镇街', en: 'Your town' },
  'car.form.townPlaceholder': { 'zh-CN': '选择镇（街道）或经济开发区', en: 'Choose your town, subdistrict or the development zone' },
  'car.town.col': { 'zh-CN': '镇街', en: 'Town' },
  'car.town.unknown': { 'zh-CN': '未知', en: 'Unknown' },
  'car.town.all': { 'zh-CN': '全部镇街', en: 'All towns' },
  'car.town.unknownFilter': { 'zh-CN': '未填写镇街（早期申请）', en: 'No town (early applications)' },
} satisfies Messages;
