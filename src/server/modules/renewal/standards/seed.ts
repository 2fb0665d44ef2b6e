import type { AppDeps } from '../../../core/deps.js';

/** Demo records of the standards part (labelled is_demo). */
export async function seedStandardsDemo(_deps: AppDeps): Promise<void> {}
