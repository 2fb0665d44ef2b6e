import type { Generated } from 'kysely';

/** One certificate per unit handed in at a pickup: the proof that this old item was recycled. Never updated. */
export interface RecyclingCertificateTable {
  id: Generated<number>;
  /** `RC-YYYYMMDD-XXXXXX`, random (no sequence to guess), unique. */
  number: string;
  category: string;
  serial_number: string | null;
  issued_at: string;
  recycler_organization_id: number;
  pickup_id: number;
  /** Whose item it was (the resident who booked), for their list of certificates. */
  resident_user_id: number;
  created_at: string;
}

/**
 * A certificate number's owner, keyed by the number: what keeps a number unique across residents (on Citus the
 * certificates are distributed by resident, this table by number). Written with the certificate, never changed.
 */
export interface RecyclingCertificateNumberTable {
  number: string;
  resident_user_id: number;
  certificate_id: number;
}

/**
 * A certificate's use: the proof of one redemption. `(resident_user_id, certificate_id)` is unique, so a second use — also by two
 * redemptions racing — is refused by the database; a reversed redemption deletes the row, freeing the certificate.
 */
export interface RecyclingCertificateUseTable {
  id: Generated<number>;
  /** The certificate's resident (its distribution column on Citus: a use lives on its certificate's shard). */
  resident_user_id: number;
  certificate_id: number;
  /** What the certificate proves (`tradein_redemption`). */
  used_by_kind: string;
  /** That record's id when the user knew it at the time of use (a redemption is written after its proof is checked). */
  used_by_id: number | null;
  /** The organisation that cited it (the merchant). */
  used_by_organization_id: number | null;
  used_at: string;
}

export interface CertificateTables {
  recycling_certificates: RecyclingCertificateTable;
  recycling_certificate_uses: RecyclingCertificateUseTable;
  recycling_certificate_numbers: RecyclingCertificateNumberTable;
}
