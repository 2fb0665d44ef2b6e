import type { Generated } from 'kysely';
import type {
  ProjectOrigin,
  ProjectSector,
  ProjectStatus,
  ProjectType,
  RecognitionKind,
  RecognitionLevel,
  SkippableProjectStep,
} from '../../../../shared/enums/renewalProjects.js';

/**
 * An equipment-renewal or technical-retrofit project of an enterprise (or a public body: hospital, school,
 * utility, the bus company — enterprise-kind organisations too), from its draft to its completion (竣工). Its moves
 * are on the platform's record_timeline (kind `renewal_project`). Money integer fen, dates YYYY-MM-DD.
 */
export interface RenewalProjectTable {
  id: Generated<number>;
  /** RP-<year>-<six digits> when registered here; an imported list keeps its own codes. */
  code: string;
  name: string;
  /** The enterprise or public body carrying it out. */
  organization_id: number;
  /** The town (镇街道/经济开发区) where it is carried out; the town checks it. */
  town_id: number;
  sector: ProjectSector;
  /** Code of the `industry` dictionary. */
  industry: string;
  type: ProjectType;
  status: ProjectStatus;
  origin: ProjectOrigin;
  /** The project's year (of its planned start), the library's filter. */
  year: number;
  planned_investment_fen: number;
  /** The part of the planned investment spent on equipment (≤ the planned investment). */
  planned_equipment_fen: number;
  /** Filled at completion. */
  actual_investment_fen: number | null;
  actual_equipment_fen: number | null;
  /** 1 when the project takes new land; only a project adding none may take the simplified path. */
  adds_land: number;
  /** 1 when it took the simplified path (no new land, mainly equipment) and skipped `skipped_step`. */
  simplified: number;
  skipped_step: SkippableProjectStep | null;
  /** Expected energy saved, tonnes of standard coal equivalent a year. */
  energy_saved_tce: number | null;
  /** Expected emissions reduced, tonnes CO₂ a year. */
  emissions_reduced_t: number | null;
  planned_start: string | null;
  planned_end: string | null;
  /** When construction started (the enterprise's mark) and when it was completed. */
  started_on: string | null;
  completed_on: string | null;
  description: string | null;
  /** Completion evidence: JSON array of attachment ids. */
  evidence_json: string | null;
  /** The latest return: why, and at which step (`town_check` or `approval`). */
  return_reason: string | null;
  returned_from: string | null;
  submitted_at: string | null;
  town_checked_at: string | null;
  town_checked_by: number | null;
  /** 入库: when and by whom (a user of the department holding the renewal `manage` grant). */
  approved_at: string | null;
  approved_by: number | null;
  approved_by_organization_id: number | null;
  created_by: number | null;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

/** Old equipment a project replaces; machine tools in service longer than the configured years are flagged on read. */
export interface RenewalProjectOldEquipmentTable {
  id: Generated<number>;
  /** The project's enterprise: the column the table is distributed by on Citus. */
  organization_id: number;
  project_id: number;
  position: number;
  name: string;
  count: number;
  years_in_service: number;
  is_machine_tool: number;
}

/** New equipment a project buys, from the advanced-equipment dictionary of its industry (二(五)1). */
export interface RenewalProjectNewEquipmentTable {
  id: Generated<number>;
  /** The project's enterprise: the column the table is distributed by on Citus. */
  organization_id: number;
  project_id: number;
  position: number;
  /** Code of the `renewal_advanced_equipment` dictionary; null for equipment outside the lists. */
  equipment_code: string | null;
  name: string;
  count: number;
  amount_fen: number | null;
  /** 首台套: the first (set of) major technical equipment of its kind. */
  is_first_set: number;
}

/** A smart-manufacturing demonstration factory or excellent scene (智能制造示范工厂/优秀场景), of a project or an enterprise. */
export interface RenewalRecognitionTable {
  id: Generated<number>;
  kind: RecognitionKind;
  level: RecognitionLevel;
  title: string;
  recognized_on: string;
  organization_id: number;
  /** The project recognised, when it is a project's; null for an enterprise's own. */
  project_id: number | null;
  /** The town it counts for (the project's, or the enterprise's as recorded). */
  town_id: number;
  note: string | null;
  created_by: number;
  is_demo: number;
  created_at: string;
}

/**
 * The code of every project, whoever's: a code names one project across the whole library (an imported list keeps
 * the department's own codes, which may look like the ones issued here). Its own table keyed by the code, since on
 * Citus the projects are distributed by enterprise and a unique key there holds only within one enterprise.
 */
export interface RenewalProjectCodeTable {
  code: string;
  organization_id: number;
  project_id: number;
}

/** An upload of a department's existing project list, read in the background (the page polls its progress). */
export interface RenewalProjectImportTable {
  id: Generated<number>;
  user_id: number;
  organization_id: number;
  filename: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  total_rows: number;
  processed_rows: number;
  imported_rows: number;
  /** JSON `[{ row, column, reason, message }]`, in the uploader's language. */
  errors_json: string;
  created_at: string;
  finished_at: string | null;
}

export interface ProjectsTables {
  renewal_project_imports: RenewalProjectImportTable;
  renewal_projects: RenewalProjectTable;
  renewal_project_codes: RenewalProjectCodeTable;
  renewal_project_old_equipment: RenewalProjectOldEquipmentTable;
  renewal_project_new_equipment: RenewalProjectNewEquipmentTable;
  renewal_recognitions: RenewalRecognitionTable;
}
