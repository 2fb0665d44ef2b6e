/**
 * The trade-in module's API: shapes taken from the server's zod schemas (type-only imports: nothing of the
 * server reaches the bundle), query keys, and the calls the shared client does not cover (a POST with an
 * Idempotency-Key and the device id, multipart uploads).
 */
import type { z } from 'zod';
import { useQuery } from '@tanstack/react-query';
import { ApiError, NETWORK_ERROR, api, withQuery, type ErrorDetail } from '../../api/client';
import type { Page } from '../../api/types';
import { useUser } from '../../auth/AuthProvider';
import type { Locale } from '../../../shared/roles';
import type { ProgramView, ruleVersionView, managerView } from '../../../server/modules/tradein/programs/schema';
import type { CategoryRule } from '../../../server/modules/tradein/programs/rules';
import type { PoolView, VoucherView, voucherLookupView } from '../../../server/modules/tradein/vouchers/schema';
import type { MerchantView, ProductView } from '../../../server/modules/tradein/merchants/schema';
import type { RedemptionView } from '../../../server/modules/tradein/redemptions/schema';
import type { RiskReviewView, riskReviewDetailView, RiskRuleView } from '../../../server/modules/tradein/risk/schema';
import type { BatchView, batchDetailView } from '../../../server/modules/tradein/settlement/schema';
import type { BudgetView } from '../../../server/modules/tradein/budget/schema';

export type { ProgramView, CategoryRule, PoolView, VoucherView, MerchantView, ProductView, RedemptionView, RiskReviewView, RiskRuleView, BatchView, BudgetView };
export type RuleVersionView = z.infer<typeof ruleVersionView>;
export type ManagerView = z.infer<typeof managerView>;
export type VoucherLookup = z.infer<typeof voucherLookupView>;
export type RiskReviewDetail = z.infer<typeof riskReviewDetailView>;
export type BatchDetail = z.infer<typeof batchDetailView>;
export type CategoryView = ProgramView['categories'][number];
export type { Page };

export const VOUCHER_STATUSES = ['active', 'redeemed', 'expired', 'cancelled'] as const;
export const MERCHANT_STATUSES = ['pending', 'approved', 'rejected', 'suspended'] as const;
export const REDEMPTION_STATUSES = ['accepted', 'held', 'rejected', 'reversed'] as const;
export const REVIEW_STATUSES = ['open', 'held', 'cleared', 'rejected'] as const;
export const SETTLEMENT_STATUSES = ['draft', 'approved', 'confirmed', 'paid'] as const;
export const POOL_STATUSES = ['scheduled', 'open', 'closed'] as const;

/** How often the open releases are asked again for their remaining quota. */
export const POOL_REFRESH_MS = 4_000;

export const keys = {
  programs: ['tradein', 'programs'] as const,
  pools: (q: object) => ['tradein', 'pools', q] as const,
  myVouchers: ['tradein', 'vouchers', 'mine'] as const,
  merchants: (q: object) => ['tradein', 'merchants', q] as const,
  products: (q: object) => ['tradein', 'products', q] as const,
  redemptions: (q: object) => ['tradein', 'redemptions', q] as const,
  reviews: (q: object) => ['tradein', 'reviews', q] as const,
  batches: (q: object) => ['tradein', 'batches', q] as const,
  budget: (id: number) => ['tradein', 'budget', id] as const,
};

export function usePrograms() {
  return useQuery({
    queryKey: keys.programs,
    queryFn: ({ signal }) => api.get<ProgramView[]>('/api/tradein/programs', undefined, signal),
    staleTime: 60_000,
  });
}

/** The category's display name in a programme (falls back to the code). */
export function categoryName(programs: ProgramView[] | undefined, programId: number, category: string): string {
  return programs?.find((p) => p.id === programId)?.categories.find((c) => c.category === category)?.name ?? category;
}

/** What the signed-in department may do in trade-in (市商务局 manages, 市财政局 confirms payments). */
export function useGrants(): { manage: boolean; confirmPayment: boolean; loading: boolean } {
  const user = useUser();
  const isDept = user.role === 'department';
  const q = useQuery({
    queryKey: ['tradein', 'managers'],
    queryFn: ({ signal }) => api.get<ManagerView[]>('/api/tradein/managers', undefined, signal),
    enabled: isDept,
    staleTime: 300_000,
  });
  if (user.role === 'office') return { manage: true, confirmPayment: false, loading: false };
  if (!isDept) return { manage: false, confirmPayment: false, loading: false };
  const mine = (q.data ?? []).filter((g) => g.organizationId === user.organization.id);
  return { manage: mine.some((g) => g.capability === 'manage'), confirmPayment: mine.some((g) => g.capability === 'confirm_payment'), loading: q.isPending };
}

function csrf(): string | null {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === 'hx_csrf') return decodeURIComponent(v.join('='));
  }
  return null;
}

const DEVICE_KEY = 'hx_device_id';

/** A random id of this browser, sent with claims and sales so risk control can link accounts used on one device. */
export function deviceId(): string | null {
  try {
    let id = window.localStorage.getItem(DEVICE_KEY);
    if (!id) {
      id = crypto.randomUUID();
      window.localStorage.setItem(DEVICE_KEY, id);
    }
    return id;
  } catch {
    return null;
  }
}

/** A fresh idempotency key for one user action (reuse it when the same action is retried). */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
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

/**
 * A POST that creates something, sent with an Idempotency-Key (so a retry after a lost answer returns the first
 * result instead of a second claim or sale) and this device's id.
 */
export async function postCreate<T>(path: string, body: unknown, idempotencyKey: string, locale: Locale): Promise<T> {
  const headers = new Headers({ Accept: 'application/json', 'Content-Type': 'application/json', 'Accept-Language': locale, 'Idempotency-Key': idempotencyKey });
  const token = csrf();
  if (token) headers.set('X-CSRF-Token', token);
  const device = deviceId();
  if (device) headers.set('X-Device-Id', device);
  let res: Response;
  try {
    res = await fetch(withQuery(path), { method: 'POST', headers, credentials: 'same-origin', body: JSON.stringify(body ?? {}) });
  } catch {
    throw new ApiError(0, NETWORK_ERROR, locale === 'en' ? 'Could not reach the server' : '无法连接服务器');
  }
  return parse<T>(res, locale);
}

export interface Attachment {
  id: number;
  filename: string;
  mimeType: string;
  sizeBytes: number;
}

/** Uploads one photo (old-item proof) as multipart field "file". */
export async function uploadPhoto(file: File, locale: Locale): Promise<Attachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  const headers = new Headers({ Accept: 'application/json', 'Accept-Language': locale });
  const token = csrf();
  if (token) headers.set('X-CSRF-Token', token);
  let res: Response;
  try {
    res = await fetch('/api/attachments', { method: 'POST', body: form, headers, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, NETWORK_ERROR, locale === 'en' ? 'Could not reach the server' : '无法连接服务器');
  }
  return parse<Attachment>(res, locale);
}

/** Voucher codes: 10 characters and a check character (Luhn mod 30) from an alphabet without look-alikes. */
export const VOUCHER_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The bare code (upper case, no spaces or hyphens), or null when it is not 11 characters of the alphabet with a good check character. */
export function checkVoucherCode(input: string): { ok: true; code: string } | { ok: false; reason: 'length' | 'charset' | 'checksum' } {
  const bare = input.replace(/[\s-]/g, '').toUpperCase();
  if (bare.length !== 11) return { ok: false, reason: 'length' };
  if ([...bare].some((c) => !VOUCHER_ALPHABET.includes(c))) return { ok: false, reason: 'charset' };
  const n = VOUCHER_ALPHABET.length;
  let factor = 2;
  let sum = 0;
  for (let i = 9; i >= 0; i--) {
    let addend = factor * VOUCHER_ALPHABET.indexOf(bare[i]!);
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / n) + (addend % n);
    sum += addend;
  }
  return VOUCHER_ALPHABET[(n - (sum % n)) % n] === bare[10] ? { ok: true, code: bare } : { ok: false, reason: 'checksum' };
}
