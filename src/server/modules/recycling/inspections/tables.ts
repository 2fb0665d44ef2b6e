import type { Generated } from 'kysely';

export const INSPECTION_RESULTS = ['pass', 'rectify', 'ban'] as const;
export type InspectionResult = (typeof INSPECTION_RESULTS)[number];

export const RECTIFICATION_STATUSES = ['open', 'submitted', 'closed'] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];

/** One inspection of a recycling site, as recorded at the site. Never changed afterwards (it is evidence). */
export interface RecyclingInspectionTable {
  id: Generated<number>;
  site_id: number;
  /** The site's town when it was inspected (a site could move to another town's books later). */
  town_id: number;
  /** The inspecting unit: a department, a town or the office. */
  inspector_organization_id: number;
  inspector_user_id: number | null;
  /** Shanghai date of the visit. */
  inspected_on: string;
  checklist_version: number;
  /** JSON `[{ item, answer: ok | not_ok | n_a, note }]`, one per item of that checklist version. */
  answers_json: string;
  findings: string;
  /** JSON array of attachment ids. */
  photos_json: string;
  result: InspectionResult;
  /** Shanghai date the rectification is due; only for result `rectify`. */
  rectify_by: string | null;
  created_at: string;
}

/** What a `rectify` inspection opens: the operator or the town reports, the inspector's unit verifies. */
export interface RecyclingRectificationTable {
  id: Generated<number>;
  inspection_id: number;
  site_id: number;
  town_id: number;
  inspector_organization_id: number;
  due_on: string;
  status: RectificationStatus;
  submitted_note: string | null;
  /** JSON array of attachment ids. */
  submitted_photos_json: string;
  submitted_by: number | null;
  submitted_at: string | null;
  verified_by: number | null;
  verified_at: string | null;
  /** Why the last submission was not accepted. */
  reject_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface InspectionTables {
  recycling_inspections: RecyclingInspectionTable;
  recycling_rectifications: RecyclingRectificationTable;
}
