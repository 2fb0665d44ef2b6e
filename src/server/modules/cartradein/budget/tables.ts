import type { Generated } from 'kysely';

/**
 * A car programme's budget: its split by funding source as last set, and what approvals and payments have drawn on
 * it. The split is NULL until 市商务局 sets one ("not set": approvals are not limited, as before budgets existed);
 * once set, a CHECK keeps `approved_fen` within the total, whatever the concurrency of approvals.
 */
export interface CarBudgetTable {
  program_id: number;
  central_fen: number | null;
  provincial_fen: number | null;
  city_fen: number | null;
  /** central + provincial + city, kept in the row so the CHECK reads one column; NULL when not set. */
  total_fen: number | null;
  /** Amounts of applications approved (approved, in payment or paid). */
  approved_fen: number;
  /** Amounts of applications paid. */
  paid_fen: number;
  /** The current version of the split (cartradein_budget_versions); 0 while none was set. */
  version: number;
  updated_at: string;
}

/** Every split a programme's budget had, with who set it and why. Never updated. */
export interface CarBudgetVersionTable {
  id: Generated<number>;
  program_id: number;
  version: number;
  central_fen: number;
  provincial_fen: number;
  city_fen: number;
  note: string | null;
  created_by: number | null;
  created_at: string;
}

export interface CarBudgetTables {
  cartradein_budgets: CarBudgetTable;
  cartradein_budget_versions: CarBudgetVersionTable;
}
