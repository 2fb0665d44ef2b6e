/**
 * The car trade-in module's codes that the server stores and the web lists (filters, tags, form choices), in the
 * order the pages show them. The server's table types are derived from these, so a new code reaches both sides.
 */

/** 报废更新 (scrap the old car, buy a new one) or 置换更新 (sell the old car, buy a new one). */
export const CAR_PROGRAM_KINDS = ['scrapping', 'replacement'] as const;
export type CarProgramKind = (typeof CAR_PROGRAM_KINDS)[number];

/** China's emission standards in order; `guo0` is anything before 国一. */
export const EMISSION_STANDARDS = ['guo0', 'guo1', 'guo2', 'guo3', 'guo4', 'guo5', 'guo6'] as const;
export type EmissionStandard = (typeof EMISSION_STANDARDS)[number];

/**
 * submitted → approved → in_payment → paid, with returned (for correction, back to submitted on resubmission)
 * and rejected on the side. The server's `applications/stateMachine.ts` says which moves are legal.
 */
export const CAR_APPLICATION_STATUSES = ['submitted', 'returned', 'rejected', 'approved', 'in_payment', 'paid'] as const;
export type CarApplicationStatus = (typeof CAR_APPLICATION_STATUSES)[number];

export const CAR_EVENT_TYPES = ['car_promotion', 'car_carnival', 'car_expo', 'appliance_rural', 'appliance_community', 'home_building_expo', 'other'] as const;
export type CarEventType = (typeof CAR_EVENT_TYPES)[number];
