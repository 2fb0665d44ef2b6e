import type { Generated } from 'kysely';
import type {
  AssemblyDestination,
  DismantlingQualificationStatus,
  ScrappedVehicleStatus,
  VehicleAssembly,
  VehicleEmissionStandard,
  VehicleFuelType,
  VehicleOwnerKind,
} from '../../../../shared/enums/recyclingVehicles.js';

/**
 * A recycler's dismantling qualification (报废机动车回收拆解企业资质认定, by the provincial 商务 department), as
 * 市商务局 registers it. One active qualification per organisation (a new one supersedes the old); its moves are on
 * record_timeline (kind `recycling_dismantling_qualification`). Dates YYYY-MM-DD, timestamps ISO-8601 UTC.
 */
export interface DismantlingQualificationTable {
  id: Generated<number>;
  organization_id: number;
  /** The qualification certificate's number, unique. */
  number: string;
  /** Who granted it (福建省商务厅). */
  issued_by: string;
  valid_from: string;
  valid_to: string;
  status: DismantlingQualificationStatus;
  registered_by: number | null;
  revoked_at: string | null;
  revoked_reason: string | null;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

/**
 * One scrapped vehicle carried through the one-stop (报废解体—车辆注销) by the dismantler that took it in. The owner's
 * ID number is sealed (AES-GCM) with a keyed hash beside it — the owner's account finds its vehicles by that hash
 * — and a mask for the pages; an organisation owner is named by its credit code. Moves on record_timeline (kind
 * `recycling_scrapped_vehicle`).
 */
export interface ScrappedVehicleTable {
  id: Generated<number>;
  dismantler_organization_id: number;
  /** The qualification it was taken in under. */
  qualification_id: number;
  /** The dismantler's town when the vehicle was taken in: where the metric counts it. */
  town_id: number;
  vin: string;
  plate: string;
  owner_kind: VehicleOwnerKind;
  owner_name: string;
  owner_id_enc: string | null;
  owner_id_hash: string | null;
  owner_id_mask: string | null;
  owner_credit_code: string | null;
  emission_standard: VehicleEmissionStandard;
  fuel_type: VehicleFuelType;
  registered_on: string;
  received_on: string;
  /** 报废机动车回收证明 number, normalised upper case; unique over every record ever made. */
  certificate_number: string | null;
  certificate_issued_on: string | null;
  dismantled_on: string | null;
  deregistered_on: string | null;
  status: ScrappedVehicleStatus;
  withdrawn_reason: string | null;
  /** Optimistic concurrency for corrections (409 on a stale one). */
  version: number;
  recorded_by: number | null;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

/** Where each of the five main assemblies of a dismantled vehicle went, and when (one row per assembly). */
export interface ScrappedVehicleAssemblyTable {
  /** The vehicle's dismantler (its distribution column on Citus: the assemblies live on the vehicle's shard). */
  dismantler_organization_id: number;
  vehicle_id: number;
  assembly: VehicleAssembly;
  destination: AssemblyDestination;
  /** To a remanufacturer: whom (optional). */
  recipient: string | null;
  on_date: string;
}

/**
 * The keys unique across dismantlers, each keyed by itself (on Citus the vehicles are distributed by dismantler,
 * these by their key): a scrapping certificate number, spent for good once issued (a correction gives the old one
 * back), and a VIN while its record is open (deleted when the record is withdrawn).
 */
export interface ScrappedVehicleCertificateNumberTable {
  certificate_number: string;
  dismantler_organization_id: number;
  vehicle_id: number;
}

export interface ScrappedVehicleOpenVinTable {
  vin: string;
  dismantler_organization_id: number;
  vehicle_id: number;
}

export interface VehiclesTables {
  recycling_dismantling_qualifications: DismantlingQualificationTable;
  recycling_scrapped_vehicles: ScrappedVehicleTable;
  recycling_scrapped_vehicle_assemblies: ScrappedVehicleAssemblyTable;
  recycling_scrapped_vehicle_certificate_numbers: ScrappedVehicleCertificateNumberTable;
  recycling_scrapped_vehicle_open_vins: ScrappedVehicleOpenVinTable;
}
