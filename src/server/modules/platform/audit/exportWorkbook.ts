import { addSheet, newWorkbook, workbookToBuffer } from '../../../http/excel.js';
import type { Locale } from '../../../../shared/roles.js';
import type { exportAudit } from './service.js';
import type { AuditFilters } from './schema.js';

type AuditExport = Awaited<ReturnType<typeof exportAudit>>;

/**
 * The auditor's workbook: the records as filtered, then the verification of the whole chain made at export
 * time (what an assessor asks for beside the records), then each chain's head.
 */
export async function auditWorkbook(data: AuditExport, filters: AuditFilters, locale: Locale, exportedBy: string | null): Promise<Buffer> {
  const zh = locale === 'zh-CN';
  const wb = newWorkbook();
  wb.creator = 'Huanxin';
  wb.created = new Date(data.verifiedAt);
  addSheet(wb, {
    name: zh ? '审计日志' : 'Audit trail',
    rows: data.rows,
    columns: [
      { header: 'ID', value: (r) => r.id, width: 8 },
      { header: zh ? '链' : 'Chain', value: (r) => r.chain, width: 10 },
      { header: zh ? '时间' : 'Time', value: (r) => r.at, width: 24 },
      { header: zh ? '操作人' : 'Actor', value: (r) => r.actorUsername, width: 16 },
      { header: zh ? '角色' : 'Role', value: (r) => r.actorRole, width: 12 },
      { header: zh ? '对象' : 'Entity', value: (r) => r.entity, width: 14 },
      { header: zh ? '对象ID' : 'Entity id', value: (r) => r.entityId, width: 10 },
      { header: zh ? '操作' : 'Action', value: (r) => r.action, width: 18 },
      { header: zh ? '结果' : 'Outcome', value: (r) => (r.outcome === 'ok' ? (zh ? '成功' : 'ok') : zh ? '拒绝' : 'denied'), width: 8 },
      { header: zh ? '变更前' : 'Before', value: (r) => (r.before === null ? null : JSON.stringify(r.before)), width: 40 },
      { header: zh ? '变更后' : 'After', value: (r) => (r.after === null ? null : JSON.stringify(r.after)), width: 40 },
      { header: zh ? '请求号' : 'Request id', value: (r) => r.requestId, width: 38 },
      { header: zh ? '客户端地址' : 'Client address', value: (r) => r.ip, width: 16 },
      { header: zh ? '哈希' : 'Hash', value: (r) => r.hash, width: 66 },
    ],
  });
  const v = data.verification;
  const reason = (r: 'hash' | 'link' | 'head') =>
    ({
      hash: zh ? '记录内容与其哈希不符' : 'the record does not match its hash',
      link: zh ? '记录未指向前一条记录的哈希' : 'the record does not point to the hash of the previous one',
      head: zh ? '链尾与链头不符（记录被删除）' : 'the chain head does not match its last record (records removed)',
    })[r];
  const facts: [string, string | number][] = [
    [zh ? '校验时间' : 'Verified at', data.verifiedAt],
    [zh ? '导出人' : 'Exported by', exportedBy ?? '—'],
    [zh ? '筛选条件' : 'Filters', JSON.stringify(filters)],
    [zh ? '导出记录数' : 'Records exported', data.rows.length],
    [zh ? '校验结果' : 'Result', v.ok ? (zh ? '通过' : 'OK') : zh ? '已损坏' : 'BROKEN'],
    [zh ? '已校验记录数' : 'Records verified', v.records],
    [zh ? '链数' : 'Chains', v.ok ? v.chains : data.heads.length],
    ...(v.ok
      ? []
      : ([
          [zh ? '首条损坏记录 ID' : 'First broken record id', v.brokenId ?? '—'],
          [zh ? '损坏所在链' : 'Broken chain', v.chain],
          [zh ? '原因' : 'Reason', reason(v.reason)],
        ] as [string, string | number][])),
    [
      zh ? '保存' : 'Retention',
      zh
        ? '审计记录只可追加：数据库拒绝任何应用角色修改或删除，保存不少于 180 天'
        : 'Append-only: the database refuses every application role any update or deletion; kept at least 180 days',
    ],
  ];
  addSheet(wb, {
    name: zh ? '哈希链校验' : 'Chain verification',
    rows: facts,
    columns: [
      { header: zh ? '项目' : 'Item', value: (r) => r[0], width: 24 },
      { header: zh ? '值' : 'Value', value: (r) => r[1], width: 80 },
    ],
  });
  addSheet(wb, {
    name: zh ? '链头' : 'Chain heads',
    rows: data.heads,
    columns: [
      { header: zh ? '链' : 'Chain', value: (h) => h.chain, width: 14 },
      { header: zh ? '记录数' : 'Records', value: (h) => h.length, width: 10 },
      { header: zh ? '末条记录 ID' : 'Last record id', value: (h) => h.lastId, width: 14 },
      { header: zh ? '末条哈希' : 'Last hash', value: (h) => h.lastHash, width: 66 },
    ],
  });
  return workbookToBuffer(wb);
}
