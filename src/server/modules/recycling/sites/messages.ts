import { defineMessages } from '../../../../shared/i18n/messages.js';

/** The recycling network's messages (spread into the module's messages.ts). */
export const siteMessages = defineMessages({
  'field.recycling.notATown': { 'zh-CN': '请选择一个镇街', en: 'Choose a town or subdistrict' },
  'field.recycling.operatorNotEnterprise': {
    'zh-CN': '运营单位应为已登记的回收企业',
    en: 'The operator must be a registered recycling enterprise',
  },
  'field.recycling.materialDisabled': {
    'zh-CN': '该品类不在再生资源品类字典中或已停用',
    en: 'This material kind is not in the recyclable-materials list or is disabled',
  },
  'field.recycling.coordinatesPair': {
    'zh-CN': '经度和纬度应同时填写或同时留空',
    en: 'Give both latitude and longitude, or neither',
  },
  'field.recycling.latitudeRange': {
    'zh-CN': '纬度应在晋江范围内（{min}–{max}）',
    en: 'The latitude must lie within Jinjiang ({min}–{max})',
  },
  'field.recycling.longitudeRange': {
    'zh-CN': '经度应在晋江范围内（{min}–{max}）',
    en: 'The longitude must lie within Jinjiang ({min}–{max})',
  },
  'field.recycling.codeTaken': { 'zh-CN': '该网点编号已被使用', en: 'This site code is already in use' },
  'field.recycling.completedOnFuture': { 'zh-CN': '建成日期不能晚于今天', en: 'The completion date cannot be after today' },
  'field.recycling.completedOnPlanned': {
    'zh-CN': '计划中的网点尚未建成，不能填写建成日期',
    en: 'A planned site is not built yet and has no completion date',
  },
  'field.recycling.completedOnNotBuilt': {
    'zh-CN': '只有新建、改建或扩建的网点才有建成日期',
    en: 'Only a new, rebuilt or expanded site has a completion date',
  },
});
