import type { ParameterDefinition } from '../../../core/parameters.js';

export const standardsParameters: readonly ParameterDefinition[] = [];
