import type { ParameterDefinition } from '../../../core/parameters.js';

export const surveyParameters: readonly ParameterDefinition[] = [];
