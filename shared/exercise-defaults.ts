import type { ParamBounds } from './exercise';

// Plain defaults, apart from the schemas in exercise.ts: the browser imports them.

export const DEFAULT_PARAM_BOUNDS: ParamBounds = {
  temperature: { min: 0, max: 1.5, default: 0.7 },
  topP: { min: 0, max: 1, default: 1 },
  maxOutputTokens: { min: 16, max: 4096, default: 1024 },
};
