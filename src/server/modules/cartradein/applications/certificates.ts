import type { ScrappingCertificateVerifier } from '../../../core/extensions.js';

export type { CertificateQuery, CertificateVerdict, ScrappingCertificateVerifier } from '../../../core/extensions.js';

/**
 * What car trade-in falls back to until a module provides a verifier from the scrapped-vehicle records
 * (报废解体—车辆注销, the recycling module): every certificate is "unverified", the application shows it, and 市商务局
 * must confirm the certificate by hand before approving (applications/review.ts `approveCarApplication`).
 */
export const manualCertificateVerifier: ScrappingCertificateVerifier = {
  source: 'manual',
  verify: async () => ({ status: 'unverified', note: null }),
};
