import type { AppDeps } from '../../../core/deps.js';

/** Demo assets of the shipped kinds, labelled demo (S2 fills this in). */
export async function seedAssetsDemo(_deps: AppDeps): Promise<void> {}
