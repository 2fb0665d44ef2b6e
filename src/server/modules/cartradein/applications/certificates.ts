import type { Queryable } from '../../../db/database.js';

/**
 * How a scrapping certificate (报废机动车回收证明) is checked. The recycling module, which keeps the scrapped-vehicle
 * records (报废解体—车辆注销), will implement this and install it at start-up with `useScrappingCertificateVerifier`.
 * Until then the default says "unverified", the application shows it, and 市商务局 must confirm the certificate by
 * hand before approving (applications/review.ts `approveCarApplication`).
 */
export interface CertificateQuery {
  certificateNumber: string;
  vin: string;
  deregisteredOn: string;
}

export interface CertificateVerdict {
  /** verified: the records hold this certificate for this VIN; mismatch: they contradict it; unverified: no records to ask. */
  status: 'verified' | 'mismatch' | 'unverified';
  note?: string | null;
}

export interface ScrappingCertificateVerifier {
  /** Shown with the verdict, so a reviewer knows who vouched for the certificate. */
  readonly source: string;
  verify(db: Queryable, query: CertificateQuery): Promise<CertificateVerdict>;
}

export const manualCertificateVerifier: ScrappingCertificateVerifier = {
  source: 'manual',
  verify: async () => ({ status: 'unverified', note: null }),
};

let installed: ScrappingCertificateVerifier = manualCertificateVerifier;

/** Installs the verifier every application is checked with (the same code in every process, not shared state). */
export function useScrappingCertificateVerifier(verifier: ScrappingCertificateVerifier): void {
  installed = verifier;
}

export function scrappingCertificateVerifier(): ScrappingCertificateVerifier {
  return installed;
}
