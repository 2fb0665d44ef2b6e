import { z } from 'zod';

/** Evidence that a qualitative commitment is met: a note (what was done, document number…) and optionally an uploaded file. */
export const completeMilestoneBody = z.strictObject({
  evidence: z.union([
    z.string().trim().min(2).max(2000),
    z.strictObject({
      note: z.string().trim().min(2).max(2000),
      attachmentId: z.number().int().positive().nullable().optional(),
    }),
  ]),
  attachmentId: z.number().int().positive().optional(),
});
export type CompleteMilestoneInput = z.infer<typeof completeMilestoneBody>;

export const reopenMilestoneBody = z.strictObject({ note: z.string().trim().min(2).max(500).optional() });
