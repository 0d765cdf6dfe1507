import type { FormInstance } from 'antd';
import { ApiError } from '../app/http';

/**
 * Puts the server's per-field problems under the fields they concern (the same words the import and the
 * API use). Returns false when the error names no field of this form, so the caller shows it as a message.
 */
export function showFieldErrors(form: FormInstance, error: unknown, fields: readonly string[]): boolean {
  if (!(error instanceof ApiError) || error.errors.length === 0) return false;
  const byField = new Map<string, string[]>();
  for (const e of error.errors) {
    const field = e.path.split('.').at(-1) ?? '';
    if (!fields.includes(field)) continue;
    byField.set(field, [...(byField.get(field) ?? []), e.message]);
  }
  if (byField.size === 0) return false;
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return true;
}
