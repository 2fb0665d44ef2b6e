import type { TestClient } from '../../../../../test/helpers/testApp.js';

/**
 * Approves as a reviewer who checked an unverified certificate by hand: opens the application's certificate
 * files first, as the rule demands (CERTIFICATE_NOT_OPENED otherwise), then approves with the confirmation.
 */
export async function approveChecked(client: TestClient, id: number, body: Record<string, unknown> = {}) {
  const view = await client.get(`/api/tradein/car-applications/${id}`);
  if (view.statusCode === 200)
    for (const e of (view.json() as { evidence: { attachmentId: number; kind: string }[] }).evidence)
      if (e.kind === 'scrapping_certificate') await client.get(`/api/tradein/car-applications/${id}/evidence/${e.attachmentId}`);
  return client.post(`/api/tradein/car-applications/${id}/approve`, { certificateConfirmed: true, ...body });
}
