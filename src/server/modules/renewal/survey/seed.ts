import type { AppDeps } from '../../../core/deps.js';

/** Demo records of the survey part (labelled is_demo). */
export async function seedSurveyDemo(_deps: AppDeps): Promise<void> {}
