import type { Generated } from 'kysely';
import type { DataWipeMethod, PickupStatus } from '../../../../shared/enums/recycling.js';

/**
 * A resident's pickup booking (互联网＋回收), from booking to the resident's confirmation. Its moves are on the
 * platform's record_timeline (kind `recycling_pickup`). Timestamps ISO-8601 UTC, JSON as text.
 */
export interface RecyclingPickupTable {
  id: Generated<number>;
  resident_user_id: number;
  /** `bulky`: furniture only, served by the bulky-furniture transfer points; `standard`: the other sites. */
  route: 'standard' | 'bulky';
  /** What was booked: JSON `[{ category, count, photos? }]` (photos are attachment ids). */
  items_json: string;
  address: string;
  town_id: number;
  window_from: string;
  window_to: string;
  status: PickupStatus;
  /** The recycler (enterprise) that accepted it; null while open. */
  recycler_organization_id: number | null;
  accepted_by: number | null;
  accepted_at: string | null;
  /** What was handed in: JSON `[{ category, count, weightKg?, serialNumber? }]`. */
  handed_items_json: string | null;
  price_paid_fen: number | null;
  /** The data-wiping record, required when a device holding personal data was handed in. */
  wipe_method: DataWipeMethod | null;
  wipe_by: string | null;
  wiped_at: string | null;
  completed_by: number | null;
  completed_at: string | null;
  /** The resident's rating, 1–5, once confirmed. */
  rating: number | null;
  /** Since when it waits for a recycler (booked, or booked again after a no-show): the escalation counts from here. */
  open_since: string;
  /** When the booking, still unaccepted, was escalated to 市商务局 (once per opening). */
  escalated_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface PickupTables {
  recycling_pickups: RecyclingPickupTable;
}
