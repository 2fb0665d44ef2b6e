import { EMISSION_STANDARDS, type CarEnergyType, type CarProgramKind, type CertificateCheckStatus, type EmissionStandard } from '../tables.js';
import { bandFor, type CarRule, type EvidenceKind } from './rules.js';

/**
 * Eligibility of one application under one rule version: a pure function, so the pre-check for the form and
 * the submission give the same answer, and every rule is tested on its own. Every failed rule is reported (not
 * only the first), each as a message key with its parameters; the caller's language is applied when read.
 */

export type ReasonCode =
  | 'outsideWindow'
  | 'purchaseOutsideWindow'
  | 'oldFuelNotAccepted'
  | 'oldFuelEmission'
  | 'oldNevNotAccepted'
  | 'oldNevRegistration'
  | 'ownedTooRecently'
  | 'disposedTooEarly'
  | 'newNevNotAccepted'
  | 'newFuelNotAccepted'
  | 'newFuelDisplacement'
  | 'noPriceBand'
  | 'evidenceMissing'
  | 'certificateMismatch'
  | 'alreadySubsidised';

export interface Reason {
  code: ReasonCode;
  params?: Record<string, string | number>;
}

export interface CarApplicationFacts {
  kind: CarProgramKind;
  /** The Shanghai date the application is (or would be) submitted. */
  appliedOn: string;
  old: { energyType: CarEnergyType; emissionStandard: EmissionStandard | null; registeredOn: string; ownedSince: string };
  /** Deregistration date (scrapping) or transfer date (replacement). */
  disposedOn: string;
  newCar: { energyType: CarEnergyType; displacementMl: number | null; priceFen: number; invoiceDate: string };
  evidenceKinds: readonly string[];
  certificateCheck: CertificateCheckStatus;
}

export interface ProgramWindow {
  validFrom: string;
  validTo: string;
}

export interface Eligibility {
  eligible: boolean;
  reasons: Reason[];
  /** Integer fen; 0 when not eligible. */
  amountFen: number;
}

const rank = (s: EmissionStandard) => EMISSION_STANDARDS.indexOf(s);

export function evaluateCarEligibility(rule: CarRule, window: ProgramWindow, facts: CarApplicationFacts): Eligibility {
  const reasons: Reason[] = [];
  const win = { from: window.validFrom, to: window.validTo };
  if (facts.appliedOn < window.validFrom || facts.appliedOn > window.validTo) reasons.push({ code: 'outsideWindow', params: win });
  if (facts.newCar.invoiceDate < window.validFrom || facts.newCar.invoiceDate > window.validTo) reasons.push({ code: 'purchaseOutsideWindow', params: win });

  // The old car.
  const { oldCar } = rule;
  if (facts.old.energyType === 'fuel') {
    if (!oldCar.fuel) reasons.push({ code: 'oldFuelNotAccepted' });
    // A fuel car without a stated standard cannot be shown to qualify; the API asks for it before we get here.
    else if (facts.old.emissionStandard === null || rank(facts.old.emissionStandard) > rank(oldCar.fuel.maxEmissionStandard))
      reasons.push({ code: 'oldFuelEmission', params: { max: oldCar.fuel.maxEmissionStandard } });
  } else if (!oldCar.nev) {
    reasons.push({ code: 'oldNevNotAccepted' });
  } else if (oldCar.nev.registeredOnOrBefore !== null && facts.old.registeredOn > oldCar.nev.registeredOnOrBefore) {
    reasons.push({ code: 'oldNevRegistration', params: { date: oldCar.nev.registeredOnOrBefore } });
  }
  if (oldCar.ownedOnOrBefore !== null && facts.old.ownedSince > oldCar.ownedOnOrBefore)
    reasons.push({ code: 'ownedTooRecently', params: { date: oldCar.ownedOnOrBefore } });
  if (oldCar.disposedOnOrAfter !== null && facts.disposedOn < oldCar.disposedOnOrAfter)
    reasons.push({ code: 'disposedTooEarly', params: { date: oldCar.disposedOnOrAfter } });
  if (facts.kind === 'scrapping' && facts.certificateCheck === 'mismatch') reasons.push({ code: 'certificateMismatch' });

  // The new car.
  const { newCar } = rule;
  let newCarQualifies = true;
  if (facts.newCar.energyType === 'nev') {
    if (!newCar.nev) {
      reasons.push({ code: 'newNevNotAccepted' });
      newCarQualifies = false;
    }
  } else if (!newCar.fuel) {
    reasons.push({ code: 'newFuelNotAccepted' });
    newCarQualifies = false;
  } else if (newCar.fuel.maxDisplacementMl !== null && (facts.newCar.displacementMl === null || facts.newCar.displacementMl > newCar.fuel.maxDisplacementMl)) {
    reasons.push({ code: 'newFuelDisplacement', params: { maxMl: newCar.fuel.maxDisplacementMl } });
    newCarQualifies = false;
  }
  const band = bandFor(rule, facts.newCar.energyType, facts.newCar.priceFen);
  // A price outside every band is its own reason, but only worth saying when the car type itself qualifies.
  if (newCarQualifies && !band) reasons.push({ code: 'noPriceBand', params: { priceFen: facts.newCar.priceFen } });

  const attached = new Set(facts.evidenceKinds);
  for (const kind of rule.evidence) if (!attached.has(kind)) reasons.push({ code: 'evidenceMissing', params: { evidence: kind as EvidenceKind } });

  const eligible = reasons.length === 0;
  // Never more than the price: a subsidy above what was paid would be a payment, not a subsidy.
  const amountFen = eligible && band ? Math.min(band.amountFen, facts.newCar.priceFen) : 0;
  return { eligible, reasons, amountFen };
}
