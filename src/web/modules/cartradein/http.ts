/**
 * What the car pages need beyond the shared client: money typed in 元 converted exactly to fen (on the decimal
 * string, never through a float), a create POST with an Idempotency-Key, a multipart evidence upload, and the
 * trade-in grants of the signed-in department (市商务局 manages, 市财政局 confirms payments).
 */
import { useQuery } from '@tanstack/react-query';
import { ApiError, NETWORK_ERROR, api, type ErrorDetail } from '../../api/client';
import { useUser } from '../../auth/AuthProvider';
import type { Locale } from '../../../shared/roles';

const YUAN = /^\d{1,10}(\.\d{0,2})?$/;

/** "159,800.5" → 15 980 050; null when it is not an amount with at most two decimals. */
export function yuanToFen(input: string | null | undefined): number | null {
  const s = (input ?? '').replace(/[,，\s]/g, '').replace(/^[¥￥]/, '');
  if (!YUAN.test(s)) return null;
  const [whole = '0', frac = ''] = s.split('.');
  const fen = Number(whole) * 100 + Number((frac + '00').slice(0, 2));
  return Number.isSafeInteger(fen) ? fen : null;
}

/** 15 980 050 → "159,800.50". */
export function fenToYuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '—';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** Fen as a plain decimal for an input ("159800.50"). */
export const fenToInput = (fen: number) => fenToYuan(fen).replace(/,/g, '');

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

function csrf(): string | null {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === 'hx_csrf') return decodeURIComponent(v.join('='));
  }
  return null;
}

async function parse<T>(res: Response, locale: Locale): Promise<T> {
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!res.ok) {
    const e = (body as { error?: { code?: string; message?: string; details?: ErrorDetail[] } } | undefined)?.error;
    throw new ApiError(res.status, e?.code ?? `HTTP_${res.status}`, e?.message ?? (res.statusText || (locale === 'en' ? 'Request failed' : '请求失败')), e?.details ?? []);
  }
  return body as T;
}

async function send<T>(path: string, init: RequestInit, headers: Headers, locale: Locale): Promise<T> {
  headers.set('Accept', 'application/json');
  headers.set('Accept-Language', locale);
  const token = csrf();
  if (token) headers.set('X-CSRF-Token', token);
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, NETWORK_ERROR, locale === 'en' ? 'Could not reach the server' : '无法连接服务器');
  }
  return parse<T>(res, locale);
}

/** A POST that creates something, with an Idempotency-Key (reuse the key when the same action is retried). */
export function postCreate<T>(path: string, body: unknown, idempotencyKey: string, locale: Locale): Promise<T> {
  const headers = new Headers({ 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey });
  return send<T>(path, { method: 'POST', body: JSON.stringify(body ?? {}) }, headers, locale);
}

export interface Attachment {
  id: number;
  filename: string;
  mimeType: string;
  sizeBytes: number;
}

/** Uploads one evidence file (PDF, PNG, JPEG) to POST /api/attachments as multipart field "file". */
export function uploadAttachment(file: File, locale: Locale): Promise<Attachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  return send<Attachment>('/api/attachments', { method: 'POST', body: form }, new Headers(), locale);
}

interface Grant {
  organizationId: number;
  capability: 'manage' | 'confirm_payment';
}

/** What the signed-in official may do in car trade-in (the server decides again on every call). */
export function useCarGrants(): { manage: boolean; confirmPayment: boolean; loading: boolean } {
  const user = useUser();
  const isDept = user.role === 'department';
  const q = useQuery({
    queryKey: ['cartradein', 'grants'],
    queryFn: ({ signal }) => api.get<Grant[]>('/api/tradein/managers', undefined, signal),
    enabled: isDept,
    staleTime: 300_000,
  });
  if (user.role === 'office') return { manage: true, confirmPayment: false, loading: false };
  if (!isDept) return { manage: false, confirmPayment: false, loading: false };
  const mine = (q.data ?? []).filter((g) => g.organizationId === user.organization.id);
  return { manage: mine.some((g) => g.capability === 'manage'), confirmPayment: mine.some((g) => g.capability === 'confirm_payment'), loading: q.isPending };
}
