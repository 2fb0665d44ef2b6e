import { z } from 'zod';

export const keyVersionView = z.object({
  version: z.number().int(),
  suite: z.enum(['aes', 'sm']),
  /** A commitment to the key (HMAC of a fixed label under it), never the key. */
  fingerprint: z.string(),
  state: z.enum(['active', 'retiring', 'retired']),
  /** Given in this server's configuration (a retired version may be removed from it). */
  configured: z.boolean(),
  createdAt: z.string(),
  retiredAt: z.string().nullable(),
});

export const reencryptionProgressView = z.object({ table: z.string(), column: z.string(), total: z.number().int(), done: z.number().int() });

export const reencryptionRunView = z.object({
  id: z.number().int(),
  targetVersion: z.number().int(),
  targetSuite: z.enum(['aes', 'sm']),
  status: z.enum(['running', 'done', 'failed']),
  startedBy: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
  total: z.number().int(),
  done: z.number().int(),
  progress: z.array(reencryptionProgressView),
});
export type ReencryptionRunView = z.infer<typeof reencryptionRunView>;

export const keyStatusView = z.object({
  suite: z.enum(['aes', 'sm']),
  /** What each suite means, for the page: cipher, MAC, hash. */
  algorithms: z.object({ cipher: z.string(), hash: z.string(), keyedHash: z.string() }),
  activeVersion: z.number().int(),
  versions: z.array(keyVersionView),
  /** Sealed values not yet in the active suite and version, per column (0 everywhere: nothing to re-encrypt). */
  stale: z.array(z.object({ table: z.string(), column: z.string(), count: z.number().int() })),
  /** The run under way, if any. */
  current: reencryptionRunView.nullable(),
  /** The last runs, newest first. */
  history: z.array(reencryptionRunView),
});
export type KeyStatusView = z.infer<typeof keyStatusView>;

/** Starting a run is a deliberate act: the page asks for confirmation and sends it. */
export const reencryptBody = z.object({ confirm: z.literal(true) });
export const reencryptResponse = z.object({ run: reencryptionRunView });
