import type { ModulePlugin } from '../../../core/module.js';
import { sendXlsx, workbookBuffer } from '../../../http/excel.js';
import { translate } from '../../../core/messages.js';
import { securityControlsPolicy } from './policy.js';
import { controlsResponse } from './schema.js';
import { exportControls, listControls } from './service.js';

const tags = ['security controls'];

/** The 等保 level-3 application controls with their evidence and live facts (/admin/security-controls). */
export const securityControlRoutes: ModulePlugin = async (app, { deps }) => {
  app.get('/security/controls', {
    config: { policy: { policy: securityControlsPolicy, action: 'read' } },
    schema: {
      tags,
      summary: 'The level-3 application controls (GB/T 22239-2019 8.1.4) with status, the evidence of the last proofs and live facts',
      response: { 200: controlsResponse },
    },
    handler: (req) => listControls(deps, req.ctx),
  });

  app.get('/security/controls/export', {
    config: { policy: { policy: securityControlsPolicy, action: 'export' } },
    schema: { tags, summary: 'The controls as an Excel workbook for the assessor (one row per control and proof)' },
    handler: async (req, reply) => {
      const result = await exportControls(deps, req.ctx);
      const l = req.ctx.locale;
      const h = (key: Parameters<typeof translate>[1]) => translate(l, key);
      const status = (s: string) => translate(l, `security.status.${s}` as Parameters<typeof translate>[1]);
      const rows = result.controls.flatMap((c) => (c.evidence.length ? c.evidence : [null]).map((e, i) => ({ c, e, first: i === 0 })));
      const buffer = await workbookBuffer({
        name: h('security.export.sheet'),
        rows,
        columns: [
          { header: h('security.export.standard'), value: (r) => (r.first ? r.c.standard : ''), width: 16 },
          { header: h('security.export.clause'), value: (r) => (r.first ? r.c.clause : ''), width: 10 },
          { header: h('security.export.control'), value: (r) => (r.first ? r.c.title[l] : ''), width: 20 },
          { header: h('security.export.status'), value: (r) => (r.first ? status(r.c.status) : ''), width: 12 },
          { header: h('security.export.requirement'), value: (r) => (r.first ? r.c.requirement[l] : ''), width: 60 },
          { header: h('security.export.evidence'), value: (r) => r.e?.control ?? '', width: 16 },
          {
            header: h('security.export.result'),
            value: (r) =>
              !r.e
                ? ''
                : !r.e.found
                  ? h('security.evidence.missing')
                  : !r.e.readable
                    ? h('security.evidence.unreadable')
                    : r.e.ok
                      ? h('security.evidence.ok')
                      : h('security.evidence.failed'),
            width: 12,
          },
          { header: h('security.export.summary'), value: (r) => r.e?.summary?.[l] ?? '', width: 60 },
          {
            header: h('security.export.figures'),
            value: (r) =>
              Object.entries(r.e?.figures ?? {})
                .map(([k, v]) => `${k}=${v}`)
                .join('; '),
            width: 50,
          },
          { header: h('security.export.at'), value: (r) => r.e?.at ?? '', width: 24 },
          { header: h('security.export.command'), value: (r) => r.e?.command ?? '', width: 40 },
          { header: h('security.export.facts'), value: (r) => (r.first ? r.c.facts.map((f) => `${f.label[l]}: ${f.value[l]}`).join('\n') : ''), width: 60 },
        ],
      });
      return sendXlsx(reply, `${h('security.export.sheet')}.xlsx`, buffer);
    },
  });
};
