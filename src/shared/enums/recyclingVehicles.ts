/** Values of the scrapped-vehicle one-stop (报废解体—车辆注销) that server and web share, in the order pages show them. */
import { EMISSION_STANDARDS, type EmissionStandard } from './cartradein.js';

/**
 * A scrapped vehicle's way through the one-stop: taken in by a qualified dismantler, the scrapping certificate
 * (报废机动车回收证明) issued, dismantled, its registration cancelled (注销). `withdrawn`: recorded by mistake and
 * withdrawn before dismantling (its certificate number stays spent).
 */
export const SCRAPPED_VEHICLE_STATUSES = ['received', 'certificate_issued', 'dismantled', 'deregistered', 'withdrawn'] as const;
export type ScrappedVehicleStatus = (typeof SCRAPPED_VEHICLE_STATUSES)[number];

/** The steps of the one-stop as the owner follows them (withdrawn is not one). */
export const SCRAPPED_VEHICLE_STEPS = ['received', 'certificate_issued', 'dismantled', 'deregistered'] as const satisfies readonly ScrappedVehicleStatus[];

/** The emission standards are the car trade-in's (the same vehicle's standard goes into a car application). */
export const VEHICLE_EMISSION_STANDARDS = EMISSION_STANDARDS;
export type VehicleEmissionStandard = EmissionStandard;

/** 汽油, 柴油, 纯电动, 插电式混合动力, 油电混合动力, 燃料电池, 天然气, 液化石油气, 其他. */
export const VEHICLE_FUEL_TYPES = ['petrol', 'diesel', 'battery_electric', 'plug_in_hybrid', 'hybrid', 'fuel_cell', 'natural_gas', 'lpg', 'other'] as const;
export type VehicleFuelType = (typeof VEHICLE_FUEL_TYPES)[number];

/** The five main assemblies (五大总成): 发动机、方向机、变速器、前后桥、车架. */
export const VEHICLE_ASSEMBLIES = ['engine', 'steering', 'transmission', 'axles', 'frame'] as const;
export type VehicleAssembly = (typeof VEHICLE_ASSEMBLIES)[number];

/** Where an assembly went: to a remanufacturer, or destroyed as scrap metal. */
export const ASSEMBLY_DESTINATIONS = ['remanufacture', 'scrap_destroyed'] as const;
export type AssemblyDestination = (typeof ASSEMBLY_DESTINATIONS)[number];

/** A natural person (ID number, kept sealed) or an organisation (unified social credit code). */
export const VEHICLE_OWNER_KINDS = ['person', 'organization'] as const;
export type VehicleOwnerKind = (typeof VEHICLE_OWNER_KINDS)[number];

/** A dismantling qualification as registered: in force, revoked by 市商务局, or replaced by a newer one. */
export const DISMANTLING_QUALIFICATION_STATUSES = ['active', 'revoked', 'superseded'] as const;
export type DismantlingQualificationStatus = (typeof DISMANTLING_QUALIFICATION_STATUSES)[number];

/** What a qualification means today: an active one outside its validity is not yet valid or expired. */
export const DISMANTLING_QUALIFICATION_STANDINGS = ['valid', 'not_yet_valid', 'expired', 'revoked', 'superseded'] as const;
export type DismantlingQualificationStanding = (typeof DISMANTLING_QUALIFICATION_STANDINGS)[number];

/**
 * Why a car application's scrapping certificate does not match the dismantlers' records (the verifier's `note`,
 * a stable code the car trade-in pages translate).
 */
export const CERTIFICATE_MISMATCH_REASONS = [
  'certificate_unknown',
  'certificate_withdrawn',
  'vin_mismatch',
  'vin_other_certificate',
  'not_deregistered',
  'deregistration_date_mismatch',
] as const;
export type CertificateMismatchReason = (typeof CERTIFICATE_MISMATCH_REASONS)[number];

/** A scrapping certificate number as the dismantler issues it: upper case, no spaces; letters, digits and `-`. */
export const SCRAPPING_CERTIFICATE_NUMBER = /^[0-9A-Z][0-9A-Z-]{5,39}$/;
export const normaliseScrappingCertificateNumber = (s: string) => s.replace(/\s+/g, '').toUpperCase();

/** A plate as written on it (闽C12345, 闽CD12345 for a new-energy one), upper case, no spaces or dot. */
export const normalisePlate = (s: string) => s.replace(/[\s·.]+/g, '').toUpperCase();

/** 京A12345, 闽CD12345 (new-energy plates have 6 characters after the letter), as car trade-in checks them. */
export const PLATE_PATTERN = /^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][A-HJ-NP-Z0-9]{5,6}$/;
