import type { FastifyReply } from 'fastify';
import { z } from 'zod';

/** Types a browser shows by itself without running anything of the file's: photos and PDFs. */
const INLINE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'application/pdf']);

export type Disposition = 'inline' | 'attachment';

/** The query every evidence route takes: `?download=1` saves even a photo or PDF instead of showing it. */
export const contentQuery = z.object({
  download: z
    .enum(['0', '1', 'true', 'false'])
    .optional()
    .transform((v) => v === '1' || v === 'true')
    .describe('1: always as a download (Content-Disposition: attachment)'),
});

export function dispositionFor(mimeType: string, download = false): Disposition {
  return !download && INLINE_TYPES.has(mimeType) ? 'inline' : 'attachment';
}

/**
 * The CSP of a served file (it replaces the app's, which is for the app's pages). Nothing may load from the file
 * and it may be framed only by the app itself; a photo is also sandboxed. A PDF is not: Chromium refuses to show
 * a PDF in a sandboxed document at all, and its viewer runs the file's scripts in its own sandbox, not the page's
 * origin. A download's CSP matters only if someone navigates to it, and then it blocks everything.
 */
function contentSecurityPolicy(mimeType: string, disposition: Disposition): string {
  if (disposition === 'attachment') return "default-src 'none'; frame-ancestors 'none'; sandbox";
  const base = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'";
  return mimeType === 'application/pdf' ? `${base}; object-src 'self'` : `${base}; sandbox`;
}

/** ASCII fallback for old clients, the real name (any language) in RFC 5987 form. */
function contentDisposition(disposition: Disposition, filename: string): string {
  const ext = /\.[A-Za-z0-9]{1,8}$/.exec(filename)?.[0] ?? '';
  return `${disposition}; filename="evidence${ext}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/**
 * Sends an evidence file with the headers every evidence route shares: its checked type (never sniffed), inline
 * for photos and PDFs and a download otherwise, its own CSP, and no caching — evidence holds personal data, and a
 * cached copy would be read again without the access check and without an audit record.
 */
export function sendAttachment(reply: FastifyReply, file: { filename: string; mimeType: string; data: Buffer }, options: { download?: boolean } = {}) {
  const disposition = dispositionFor(file.mimeType, options.download);
  return reply
    .type(file.mimeType)
    .header('content-disposition', contentDisposition(disposition, file.filename))
    .header('content-length', file.data.length)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', contentSecurityPolicy(file.mimeType, disposition))
    .header('x-frame-options', disposition === 'inline' ? 'SAMEORIGIN' : 'DENY')
    .header('cache-control', 'private, no-store')
    .header('pragma', 'no-cache')
    .send(file.data);
}
