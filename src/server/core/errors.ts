import type { MessageKey } from './messages.js';

/** One reason for one field, as the API reports it: `path` is the dotted field path, `reason` a message key. */
export interface FieldIssue {
  path: string;
  reason: MessageKey;
  params?: Record<string, unknown>;
}

/**
 * The only error type services throw on purpose. The error handler turns it into
 * `{ error: { code, message, details } }` with the message in the caller's language.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageKey: MessageKey,
    readonly params: Record<string, unknown> = {},
    readonly fields: FieldIssue[] = [],
  ) {
    super(code);
  }
}

export const badRequest = (fields: FieldIssue[]) => new AppError(400, 'VALIDATION_FAILED', 'error.VALIDATION_FAILED', {}, fields);
export const fieldError = (path: string, reason: MessageKey, params?: Record<string, unknown>) => badRequest([{ path, reason, ...(params ? { params } : {}) }]);
export const notFound = () => new AppError(404, 'NOT_FOUND', 'error.NOT_FOUND');
export const unauthenticated = () => new AppError(401, 'UNAUTHENTICATED', 'error.UNAUTHENTICATED');
export const forbidden = () => new AppError(403, 'FORBIDDEN', 'error.FORBIDDEN');
export const duplicate = (path: string, field: string) => new AppError(409, 'DUPLICATE', 'error.DUPLICATE', { field }, [{ path, reason: 'field.invalid' }]);
export const invalidState = (state: string) => new AppError(409, 'INVALID_STATE', 'error.INVALID_STATE', { state });

/** A refusal by a policy; the error handler writes it to the audit trail with what was attempted. */
export class ForbiddenError extends AppError {
  constructor(
    readonly entity: string,
    readonly entityId: string | null,
    readonly action: string,
  ) {
    super(403, 'FORBIDDEN', 'error.FORBIDDEN');
  }
}
