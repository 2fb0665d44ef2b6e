import { z } from 'zod';
import { CONTROL_STATUSES } from './status.js';

const localised = z.object({ 'zh-CN': z.string(), en: z.string() });

export const evidenceView = z.object({
  control: z.string(),
  found: z.boolean(),
  /** false when the file exists but is not valid evidence (then `error` says why). */
  readable: z.boolean(),
  ok: z.boolean().nullable(),
  summary: localised.nullable(),
  figures: z.record(z.string(), z.union([z.number(), z.string()])),
  at: z.string().nullable(),
  command: z.string().nullable(),
  error: z.string().nullable(),
});
export type EvidenceView = z.infer<typeof evidenceView>;

export const factView = z.object({ key: z.string(), label: localised, value: localised, state: z.enum(['ok', 'warn', 'fail']) });

export const controlView = z.object({
  key: z.string(),
  clause: z.string(),
  standard: z.string(),
  title: localised,
  requirement: localised,
  status: z.enum(CONTROL_STATUSES),
  evidence: z.array(evidenceView),
  facts: z.array(factView),
});
export type ControlView = z.infer<typeof controlView>;

export const controlsResponse = z.object({
  generatedAt: z.string(),
  counts: z.record(z.enum(CONTROL_STATUSES), z.number().int()),
  controls: z.array(controlView),
  facts: z.array(factView),
});
export type ControlsResponse = z.infer<typeof controlsResponse>;
