/**
 * An office's change to a system parameter (the definitions are in code, `parameters` of each module's
 * contract). A reset keeps the row with no value, so its version goes on counting and a stale edit is refused.
 */
export interface SystemParameterTable {
  key: string;
  /** The value as JSON; null: the default. */
  value_json: string | null;
  version: number;
  updated_by: number | null;
  updated_at: string;
}
