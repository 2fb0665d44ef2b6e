import { useState } from 'react';
import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

/**
 * Puts the API's field-level reasons on the matching Form.Items. Returns the message to show above the form, or
 * null when everything the error says already sits on a field.
 */
export function applyApiError(form: FormInstance, error: unknown, fieldAliases: Record<string, string> = {}): string | null {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const known = new Set(Object.keys((form.getFieldsValue() ?? {}) as Record<string, unknown>));
  const byField = new Map<string, string[]>();
  let unplaced = false;
  for (const d of error.details) {
    const field = fieldAliases[d.field] ?? d.field;
    const top = field.split('.')[0] ?? field;
    if (!field || !known.has(top)) {
      unplaced = true;
      continue;
    }
    // A duplicate's own message ("用户名 已存在") says more than its field reason ("取值无效").
    const message = error.code === 'DUPLICATE' || error.code === 'WRONG_PASSWORD' ? error.message : d.message;
    byField.set(field, [...(byField.get(field) ?? []), message]);
  }
  if (byField.size) form.setFields([...byField].map(([field, errors]) => ({ name: field.split('.'), errors })));
  if (byField.size && !unplaced && (error.code === 'VALIDATION_FAILED' || error.code === 'DUPLICATE' || error.code === 'WRONG_PASSWORD')) return null;
  return error.message;
}

/** The message of any error, for a toast. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * The submit of a form that calls the API: `saving` while it runs, and on failure the API's field reasons on the
 * fields and the rest in `error` (for an Alert above the form).
 */
export function useFormSubmit<V>(form: FormInstance, action: (values: V) => Promise<void>, fieldAliases: Record<string, string> = {}) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function submit(values: V) {
    setSaving(true);
    setError(null);
    try {
      await action(values);
    } catch (e) {
      setError(applyApiError(form, e, fieldAliases));
    } finally {
      setSaving(false);
    }
  }
  return { saving, error, submit };
}
