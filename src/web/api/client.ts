import type { Locale } from '../../shared/roles';
import { deviceId } from './device';

/** One field-level reason, as every API error carries them. */
export interface ErrorDetail {
  field: string;
  reason: string;
  message: string;
}

/** An error answer of the API: `{ error: { code, message, details } }`, the message in the caller's language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const NETWORK_ERROR = 'NETWORK_ERROR';

let currentLocale: Locale = 'zh-CN';
let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;
let onPasswordChangeRequired: (() => void) | null = null;

/** The language sent as Accept-Language on every request. */
export function setApiLocale(locale: Locale): void {
  currentLocale = locale;
}

/** Remembers the CSRF token from sign-in or /api/auth/me (the hx_csrf cookie is read first when present). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** What to do when a signed-in request comes back 401 (the session ended): the auth layer sends the user to sign in. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

export function setPasswordChangeRequiredHandler(handler: (() => void) | null): void {
  onPasswordChangeRequired = handler;
}

function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

/** `/api/x` plus the defined, non-empty query values. */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

export interface RequestOptions {
  query?: Query;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as multipart/form-data instead of `body` (the browser sets the boundary). */
  form?: FormData;
  signal?: AbortSignal;
  /** Don't treat a 401 as "session ended" (sign-in itself, /auth/me). */
  allow401?: boolean;
  /**
   * For a POST that creates something (a claim, a sale, an application): a retry with the same key after a lost
   * answer gets the first result instead of a second record. Make one per user action with {@link newIdempotencyKey}.
   */
  idempotencyKey?: string;
  /** Send this browser's id (X-Device-Id), which risk control uses to link accounts used on one device. */
  device?: boolean;
}

/** The parts of {@link RequestOptions} a write call may add to its body. */
export type WriteOptions = Pick<RequestOptions, 'idempotencyKey' | 'device'>;

/** A fresh idempotency key for one user action (reuse it when the same action is retried). */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

function headersFor(method: string, options: RequestOptions): Headers {
  const headers = new Headers({ Accept: 'application/json', 'Accept-Language': currentLocale });
  if (options.body !== undefined && !options.form) headers.set('Content-Type', 'application/json');
  if (method !== 'GET' && method !== 'HEAD') {
    const token = readCookie('hx_csrf') ?? csrfToken;
    if (token) headers.set('X-CSRF-Token', token);
  }
  if (options.idempotencyKey) headers.set('Idempotency-Key', options.idempotencyKey);
  if (options.device) {
    const device = deviceId();
    if (device) headers.set('X-Device-Id', device);
  }
  return headers;
}

async function toApiError(res: Response, allow401: boolean): Promise<ApiError> {
  let code = `HTTP_${res.status}`;
  let message = res.statusText || code;
  let details: ErrorDetail[] = [];
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string; details?: ErrorDetail[] } };
    if (body.error) {
      code = body.error.code ?? code;
      message = body.error.message ?? message;
      details = Array.isArray(body.error.details) ? body.error.details : [];
    }
  } catch {
    // Not JSON (a proxy's error page): keep the status text.
  }
  if (res.status === 401 && !allow401) onUnauthenticated?.();
  if (res.status === 403 && code === 'PASSWORD_CHANGE_REQUIRED') onPasswordChangeRequired?.();
  return new ApiError(res.status, code, message, details);
}

function payloadOf(options: RequestOptions): BodyInit | undefined {
  if (options.form) return options.form;
  return options.body === undefined ? undefined : JSON.stringify(options.body);
}

async function send(method: string, path: string, options: RequestOptions, accept?: string): Promise<Response> {
  const headers = headersFor(method, options);
  if (accept) headers.set('Accept', accept);
  const payload = payloadOf(options);
  let res: Response;
  try {
    res = await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      ...(payload !== undefined ? { body: payload } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, NETWORK_ERROR, currentLocale === 'en' ? 'Could not reach the server' : '无法连接服务器');
  }
  if (!res.ok) throw await toApiError(res, options.allow401 ?? false);
  return res;
}

/** Calls the API and returns its JSON (undefined for 204). Throws {@link ApiError} on any error answer. */
export async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, options: RequestOptions = {}): Promise<T> {
  const res = await send(method, path, options);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

const withBody = (body: unknown, options: WriteOptions = {}): RequestOptions => (body === undefined ? { ...options } : { ...options, body });

/**
 * The one way the web app talks to the API: every call carries the language, the CSRF token on writes, and ends
 * in the same handling of an ended session (401) and of a password that must change first.
 */
export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { ...(query ? { query } : {}), ...(signal ? { signal } : {}) }),
  post: <T>(path: string, body?: unknown, options?: WriteOptions) => request<T>('POST', path, withBody(body, options)),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, withBody(body)),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** Sends one file as multipart field "file" (evidence, photos, Excel imports). */
  upload: <T>(path: string, file: File, options?: WriteOptions) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<T>('POST', path, { ...options, form });
  },
};

function filenameOf(res: Response, fallback: string): string {
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="([^"]+)"/i.exec(cd);
  return plain?.[1] ?? fallback;
}

/** What a download asks for, by the file's extension; JSON too, which is how an error comes back. */
const DOWNLOAD_TYPES: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** Fetches a file the API serves (evidence to show or save): its content and the name the server gives it. */
export async function fetchFile(path: string, query?: Query, signal?: AbortSignal): Promise<{ blob: Blob; filename: string }> {
  const res = await send('GET', path, { ...(query ? { query } : {}), ...(signal ? { signal } : {}) }, '*/*');
  return { blob: await res.blob(), filename: filenameOf(res, 'file') };
}

/** Downloads a file the API produces (Excel exports and payment files, Word briefings) under the name the server gives it. */
export async function download(path: string, query: Query | undefined, fallbackName: string): Promise<string> {
  const type = DOWNLOAD_TYPES[fallbackName.slice(fallbackName.lastIndexOf('.') + 1).toLowerCase()];
  const res = await send('GET', path, query ? { query } : {}, type ? `${type}, application/json` : 'application/json');
  const blob = await res.blob();
  const name = filenameOf(res, fallbackName);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
