import { definePolicy } from '../../../../core/policy.js';
import { readsAllReports } from './common.js';

export interface BriefingRecord {
  planId: number;
}

/**
 * The monthly work briefing names every unit that is late, so it is the office's document (sent upward); auditors
 * read everything the office does.
 */
export const briefingPolicy = definePolicy<BriefingRecord, 'generate'>('plan_briefing', {
  generate: readsAllReports,
});
