import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { authorize } from '../../../core/policy.js';
import { inTransaction } from '../../../db/database.js';
import { appendAudit } from '../audit/auditTrail.js';
import { CONTROLS, EVIDENCE_KEYS } from './controls.js';
import { readEvidence, type EvidenceRecord } from './evidence.js';
import { readFacts } from './facts.js';
import { securityControlsPolicy } from './policy.js';
import type { ControlsResponse, EvidenceView } from './schema.js';
import { CONTROL_STATUSES, controlStatus } from './status.js';

function evidenceView(e: EvidenceRecord): EvidenceView {
  const none = { ok: null, summary: null, figures: {}, at: null, command: null, error: null };
  if (!e.found) return { control: e.control, found: false, readable: false, ...none };
  if (!e.readable) return { control: e.control, found: true, readable: false, ...none, error: e.error };
  return { control: e.control, found: true, readable: true, ok: e.ok, summary: e.summary, figures: e.figures ?? {}, at: e.at, command: e.command, error: null };
}

/** Every control with its status, the evidence files found in config.evidenceDir and the live facts it rests on. */
async function assemble(deps: AppDeps): Promise<ControlsResponse> {
  const [evidence, facts] = await Promise.all([readEvidence(deps.config.evidenceDir, EVIDENCE_KEYS), readFacts(deps)]);
  const controls = CONTROLS.map((c) => {
    const ev = c.evidence.map((k) => evidenceView(evidence.get(k)!));
    const fs = facts.filter((f) => c.facts.includes(f.key));
    const status = controlStatus({
      evidence: ev.map((e) => (!e.found ? 'missing' : !e.readable ? 'unreadable' : e.ok ? 'ok' : 'failed')),
      facts: fs.map((f) => f.state),
    });
    return { key: c.key, clause: c.clause, standard: c.standard, title: c.title, requirement: c.requirement, status, evidence: ev, facts: fs };
  });
  const counts = Object.fromEntries(CONTROL_STATUSES.map((s) => [s, controls.filter((c) => c.status === s).length])) as ControlsResponse['counts'];
  return { generatedAt: new Date().toISOString(), counts, controls, facts };
}

export async function listControls(deps: AppDeps, ctx: RequestContext): Promise<ControlsResponse> {
  authorize(ctx.actor, securityControlsPolicy, 'read');
  return assemble(deps);
}

/** The same for the assessor's workbook; handing it out is recorded in the audit trail. */
export async function exportControls(deps: AppDeps, ctx: RequestContext): Promise<ControlsResponse> {
  authorize(ctx.actor, securityControlsPolicy, 'export');
  const result = await assemble(deps);
  await inTransaction(deps.database, (tx) =>
    appendAudit(tx, ctx, { entity: 'security_controls', action: 'export', after: { counts: result.counts, generatedAt: result.generatedAt } }),
  );
  return result;
}
