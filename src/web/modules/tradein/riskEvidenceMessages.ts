import type { Messages } from '../../i18n/catalogue';

/** The old-item proof of a flagged sale, shown in the risk review drawer. */
export const riskEvidenceMessages = {
  'tradein.risk.proof': { 'zh-CN': '旧机交回证明', en: 'Old-item proof' },
  'tradein.risk.proof.manual': { 'zh-CN': '人工凭证', en: 'Manual proof' },
  'tradein.risk.proof.recycling': { 'zh-CN': '回收企业记录', en: 'Recycler record' },
  'tradein.risk.proof.none': { 'zh-CN': '该笔销售未附旧机交回证明', en: 'This sale carries no old-item proof' },
  'tradein.risk.proof.noPhoto': { 'zh-CN': '未附照片', en: 'No photo attached' },
} satisfies Messages;
