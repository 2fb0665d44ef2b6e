import type { Actor } from '../../../core/context.js';
import { definePolicy, hasRole, signedIn } from '../../../core/policy.js';

export interface AttachmentRecord {
  organization_id: number;
  uploaded_by: number;
}

/**
 * Evidence files: anyone signed in may upload (the record that cites the file decides who may cite it); a file
 * is read by its uploader, by its organisation, by the office, and by auditors. All residents belong to one
 * organisation, so for them "their organisation" would mean every resident: a resident reads only their own.
 * Modules that show evidence to reviewers (e.g. a department reviewing a report) stream it through their own,
 * more specific policy.
 */
export const attachmentPolicy = definePolicy<AttachmentRecord, 'upload' | 'read'>('attachment', {
  upload: signedIn,
  read: (a: Actor, r) =>
    hasRole('office', 'auditor')(a) || (signedIn(a) && (!r || r.uploaded_by === a.userId || (a.role !== 'resident' && r.organization_id === a.organizationId))),
});
