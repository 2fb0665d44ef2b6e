import { z } from 'zod';
import {
  ASSEMBLY_DESTINATIONS,
  DISMANTLING_QUALIFICATION_STANDINGS,
  DISMANTLING_QUALIFICATION_STATUSES,
  normalisePlate,
  normaliseScrappingCertificateNumber,
  PLATE_PATTERN,
  SCRAPPED_VEHICLE_STATUSES,
  SCRAPPING_CERTIFICATE_NUMBER,
  VEHICLE_ASSEMBLIES,
  VEHICLE_EMISSION_STANDARDS,
  VEHICLE_FUEL_TYPES,
  VEHICLE_OWNER_KINDS,
} from '../../../../shared/enums/recyclingVehicles.js';
import { zCitizenId, zCreditCode, zVin } from '../../../../shared/zodFields.js';
import { listQuery, pageOf, pageQuery, positiveId } from '../../../http/schema.js';

const date = z.iso.date();
const reason = z.string().trim().min(2).max(500);

export const plateField = z
  .string()
  .transform(normalisePlate)
  .refine((s) => PLATE_PATTERN.test(s), { message: 'field.recycling.vehicle.plate' })
  .meta({ example: '闽C12345' });

export const certificateNumberField = z
  .string()
  .transform(normaliseScrappingCertificateNumber)
  .refine((s) => SCRAPPING_CERTIFICATE_NUMBER.test(s), { message: 'field.recycling.vehicle.certificateNumber' })
  .describe('报废机动车回收证明 number as the dismantler issues it: 6–40 letters, digits or -, upper-cased, spaces dropped')
  .meta({ example: 'BF350582202600001' });

// ─── Qualifications ──────────────────────────────────────────────────────────

export const registerQualificationBody = z
  .object({
    organizationId: positiveId.describe('The recycler enterprise'),
    number: z.string().trim().toUpperCase().min(4).max(60).describe('资质认定 number'),
    issuedBy: z.string().trim().min(2).max(60).default('福建省商务厅'),
    validFrom: date,
    validTo: date,
  })
  .strict();
export type RegisterQualificationInput = z.infer<typeof registerQualificationBody>;

export const revokeQualificationBody = z.object({ reason }).strict();

export const qualificationListQuery = pageQuery.extend({
  status: z.enum(DISMANTLING_QUALIFICATION_STATUSES).optional(),
  organizationId: positiveId.optional(),
});

export const qualificationView = z.object({
  id: z.number().int(),
  organizationId: z.number().int(),
  organizationName: z.string(),
  number: z.string(),
  issuedBy: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  status: z.enum(DISMANTLING_QUALIFICATION_STATUSES),
  standing: z.enum(DISMANTLING_QUALIFICATION_STANDINGS).describe('What it means today: valid, not yet valid, expired, revoked, superseded'),
  revokedAt: z.string().nullable(),
  revokedReason: z.string().nullable(),
  vehicles: z.number().int().describe('Vehicles taken in under it'),
  isDemo: z.boolean(),
  createdAt: z.string(),
  actions: z.array(z.enum(['revoke'])),
});
export type QualificationView = z.infer<typeof qualificationView>;
export const qualificationPage = pageOf(qualificationView);

/** The caller's (a recycler's) own standing: may it take in vehicles today, and under which qualification. */
export const myQualificationView = z.object({
  qualified: z.boolean(),
  reason: z.enum(['none', 'not_yet_valid', 'expired', 'revoked']).nullable(),
  qualification: qualificationView.nullable(),
});

// ─── Vehicles ────────────────────────────────────────────────────────────────

const ownerInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), name: z.string().trim().min(2).max(60), idNumber: zCitizenId() }).strict(),
  z.object({ kind: z.literal('organization'), name: z.string().trim().min(2).max(100), creditCode: zCreditCode() }).strict(),
]);

export const recordVehicleBody = z
  .object({
    vin: zVin(),
    plate: plateField,
    owner: ownerInput,
    emissionStandard: z.enum(VEHICLE_EMISSION_STANDARDS),
    fuelType: z.enum(VEHICLE_FUEL_TYPES),
    registeredOn: date.describe('First registration (初次登记日期)'),
    receivedOn: date.describe('Taken in by the dismantler'),
    certificate: z
      .object({ number: certificateNumberField, issuedOn: date })
      .strict()
      .optional()
      .describe('When the scrapping certificate is issued at receipt'),
  })
  .strict();
export type RecordVehicleInput = z.infer<typeof recordVehicleBody>;

export const issueCertificateBody = z.object({ number: certificateNumberField, issuedOn: date }).strict();

const assemblyInput = z
  .object({
    assembly: z.enum(VEHICLE_ASSEMBLIES),
    destination: z.enum(ASSEMBLY_DESTINATIONS),
    recipient: z.string().trim().min(2).max(100).optional().describe('The remanufacturer (for remanufacture)'),
    on: date,
  })
  .strict();

export const dismantleBody = z
  .object({
    dismantledOn: date,
    assemblies: z.array(assemblyInput).length(VEHICLE_ASSEMBLIES.length).describe('Each of the five main assemblies once'),
  })
  .strict();
export type DismantleInput = z.infer<typeof dismantleBody>;

export const deregisterBody = z.object({ deregisteredOn: date.describe('注销登记 date at the traffic police') }).strict();
export const withdrawBody = z.object({ reason }).strict();

/** A correction of the fields recorded wrongly (only those sent), before deregistration, with its reason. */
export const correctVehicleBody = z
  .object({
    version: z.number().int().min(1).describe('The version corrected (409 VERSION_CONFLICT when stale)'),
    reason,
    vin: zVin().optional(),
    plate: plateField.optional(),
    owner: ownerInput.optional(),
    emissionStandard: z.enum(VEHICLE_EMISSION_STANDARDS).optional(),
    fuelType: z.enum(VEHICLE_FUEL_TYPES).optional(),
    registeredOn: date.optional(),
    receivedOn: date.optional(),
    certificateNumber: certificateNumberField.optional(),
    certificateIssuedOn: date.optional(),
    dismantledOn: date.optional(),
  })
  .strict();
export type CorrectVehicleInput = z.infer<typeof correctVehicleBody>;

export const VEHICLE_SORTS = ['receivedOn', 'createdAt', 'vin', 'plate', 'deregisteredOn'] as const;
export const vehicleListQuery = listQuery(VEHICLE_SORTS).extend({
  status: z.enum(SCRAPPED_VEHICLE_STATUSES).optional(),
  dismantlerId: positiveId.optional(),
  townId: positiveId.optional(),
  from: date.optional().describe('Received on or after'),
  to: date.optional().describe('Received on or before'),
});
export type VehicleListQuery = z.infer<typeof vehicleListQuery>;
export const exportVehiclesQuery = vehicleListQuery.omit({ page: true, pageSize: true });
export type ExportVehiclesQuery = z.infer<typeof exportVehiclesQuery>;

const assemblyView = z.object({
  assembly: z.enum(VEHICLE_ASSEMBLIES),
  destination: z.enum(ASSEMBLY_DESTINATIONS),
  recipient: z.string().nullable(),
  on: z.string(),
});

export const vehicleView = z.object({
  id: z.number().int(),
  dismantlerOrganizationId: z.number().int(),
  dismantlerName: z.string(),
  townId: z.number().int(),
  townName: z.string(),
  vin: z.string(),
  plate: z.string(),
  owner: z.object({
    kind: z.enum(VEHICLE_OWNER_KINDS),
    name: z.string(),
    /** Masked (3505**********1234); the full number is never sent. */
    idNumberMask: z.string().nullable(),
    creditCode: z.string().nullable(),
  }),
  emissionStandard: z.enum(VEHICLE_EMISSION_STANDARDS),
  fuelType: z.enum(VEHICLE_FUEL_TYPES),
  registeredOn: z.string(),
  receivedOn: z.string(),
  certificateNumber: z.string().nullable(),
  certificateIssuedOn: z.string().nullable(),
  dismantledOn: z.string().nullable(),
  deregisteredOn: z.string().nullable(),
  status: z.enum(SCRAPPED_VEHICLE_STATUSES),
  withdrawnReason: z.string().nullable(),
  version: z.number().int(),
  isDemo: z.boolean(),
  createdAt: z.string(),
  /** What the reader may do now. */
  actions: z.array(z.enum(['issueCertificate', 'dismantle', 'deregister', 'correct', 'withdraw'])),
});
export type VehicleView = z.infer<typeof vehicleView>;
export const vehiclePage = pageOf(vehicleView);

export const vehicleDetailView = vehicleView.extend({
  assemblies: z.array(assemblyView),
  timeline: z.array(
    z.object({
      at: z.string(),
      action: z.string(),
      fromStatus: z.string().nullable(),
      toStatus: z.string(),
      actorRole: z.string().nullable(),
      note: z.string().nullable(),
      reasons: z.array(z.string()),
      /** For a correction: the names of the fields corrected. */
      fields: z.array(z.string()),
    }),
  ),
});
export type VehicleDetailView = z.infer<typeof vehicleDetailView>;

/** What the owner sees of their vehicle: the steps and the dismantler, never the owner's own ID. */
export const ownVehicleView = z.object({
  id: z.number().int(),
  vin: z.string(),
  plate: z.string(),
  dismantlerName: z.string(),
  status: z.enum(SCRAPPED_VEHICLE_STATUSES),
  receivedOn: z.string(),
  certificateNumber: z.string().nullable(),
  certificateIssuedOn: z.string().nullable(),
  dismantledOn: z.string().nullable(),
  deregisteredOn: z.string().nullable(),
  isDemo: z.boolean(),
  timeline: z.array(z.object({ at: z.string(), action: z.string(), toStatus: z.string() })),
});
export const ownVehiclePage = pageOf(ownVehicleView);

export const vehicleSummaryQuery = z.object({ from: date.optional(), to: date.optional() });
export const vehicleSummaryView = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  byStatus: z.record(z.enum(SCRAPPED_VEHICLE_STATUSES), z.number().int()),
  byDismantler: z.array(
    z.object({
      organizationId: z.number().int(),
      name: z.string(),
      received: z.number().int(),
      deregistered: z.number().int(),
      open: z.number().int().describe('Taken in, not yet deregistered (nor withdrawn)'),
    }),
  ),
  assemblies: z.record(z.enum(ASSEMBLY_DESTINATIONS), z.number().int()),
});
