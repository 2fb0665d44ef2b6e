import type { AppDeps } from './deps.js';
import type { Queryable, Tx } from '../db/database.js';
import type { LocalisedText } from '../../shared/i18n/messages.js';

/**
 * Extension points: what one module offers another without either importing the other. The module that calls
 * an extension point declares it under `uses` with the implementation it falls back to; a module that can do
 * better declares it under `provides` (recycling will provide both verifiers below, from its own records). The
 * composition root resolves them once (`resolveExtensions` in module.ts) and hands them to every service in
 * `deps.extensions` — nothing is installed into a process-wide variable.
 */

/** What the merchant enters about the old item handed in: a reference number, and for a manual proof, a photo. */
export interface OldItemProof {
  reference: string;
  attachmentId?: number | undefined;
}

export interface ProofContext {
  category: string;
  holderUserId: number;
  merchantOrganizationId: number;
}

export type ProofVerdict = { ok: true; kind: 'manual' | 'recycling'; reference: string; attachmentId: number | null } | { ok: false };

/** Checks a proof that the old item of a trade-in sale was handed in (used by trade-in redemptions). */
export interface OldItemProofVerifier {
  verify(tx: Tx, deps: AppDeps, proof: OldItemProof, context: ProofContext): Promise<ProofVerdict>;
  /**
   * The redemption a verified proof backs has been written (`usedById`): a verifier that keeps the use names it, so
   * the proof's record says which sale it proved. Called in the same transaction as `verify`.
   */
  bind?(tx: Tx, deps: AppDeps, reference: string, usedById: number): Promise<void>;
  /** A redemption (`usedById`) citing `reference` was reversed: the proof may back another one. Nothing to do for a manual proof. */
  release(tx: Tx, deps: AppDeps, reference: string, usedById: number): Promise<void>;
  /**
   * A provider that keeps the fallback's behaviour for what it does not know itself (a certificate verifier still
   * takes manual proofs) gets the fallback of the using module from the resolver through this.
   */
  withFallback?(fallback: OldItemProofVerifier): OldItemProofVerifier;
}

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

/** Checks a scrapping certificate (报废机动车回收证明) against scrapped-vehicle records (used by car trade-in). */
export interface ScrappingCertificateVerifier {
  /** Shown with the verdict, so a reviewer knows who vouched for the certificate. */
  readonly source: string;
  /** `db` is the caller's transaction; `deps` gives the verifier its parameters (what an unknown certificate means). */
  verify(db: Queryable, deps: AppDeps, query: CertificateQuery): Promise<CertificateVerdict>;
}

/** Every extension point, by name. A new one is added here, with its interface above. */
export interface ExtensionPoints {
  oldItemProofVerifier: OldItemProofVerifier;
  scrappingCertificateVerifier: ScrappingCertificateVerifier;
}

export type ExtensionName = keyof ExtensionPoints;

/**
 * A code list the officials keep (字典): promotion event types, recyclable material kinds, industries, equipment
 * types. Declared by the module that owns it (`dictionaries` in its contract) and seeded at every start: items
 * missing are added, what officials changed or removed is kept.
 */
export interface DictionaryDefinition {
  /** Lower-case words joined by `_` (`event_type`), unique across the modules. */
  code: string;
  name: LocalisedText;
  description?: LocalisedText;
  items: readonly { code: string; label: LocalisedText; parent?: string }[];
}

/**
 * How many records of a module use one code of a dictionary. A code in use is never deleted, only disabled, so
 * the records keep a meaning; every module whose records store a dictionary's codes declares one
 * (`dictionaryUsage` in its contract), for its own dictionaries or another module's.
 */
export interface DictionaryUsageChecker {
  dictionary: string;
  /** What uses the codes (促销活动 / promotion events), for the refusal's message. */
  usedBy: LocalisedText;
  countUses(db: Queryable, code: string): Promise<number>;
}
