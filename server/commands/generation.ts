import { AtelierError } from '../../shared/errors';
import type { GenerationParams } from '../../shared/generation';
import type { ExerciseSnapshot } from '../../shared/exercise';
import type { SessionState } from '../../shared/state';
import type { LiveSession } from '../rooms/live-session';
import type { CatalogModel } from '../llm/catalog';

// What an answer is generated with, checked against the exercise: chat and test runs alike.

/** The model asked for (or the exercise's default), if configured and allowed by the exercise. */
export function resolveModel(session: LiveSession, exercise: ExerciseSnapshot, asked: string | undefined): CatalogModel {
  const id = asked ?? exercise.defaultModel;
  const model = session.models.get(id) ?? (asked ? undefined : session.models.get(session.models.defaultModelId));
  if (!model) throw new AtelierError('model_not_allowed', `The model "${id}" is not configured.`);
  if (exercise.models.length > 0 && !exercise.models.includes(model.id)) {
    throw new AtelierError('model_not_allowed', `This exercise does not allow "${model.id}".`);
  }
  return model;
}

export function boundedParams(exercise: ExerciseSnapshot, asked: Partial<GenerationParams>): GenerationParams {
  const bounds = exercise.params;
  const pick = (name: keyof GenerationParams): number => {
    const value = asked[name] ?? bounds[name].default;
    if (value < bounds[name].min || value > bounds[name].max) {
      throw new AtelierError('param_out_of_bounds', `${name} must be between ${bounds[name].min} and ${bounds[name].max}.`);
    }
    return value;
  };
  return { temperature: pick('temperature'), topP: pick('topP'), maxOutputTokens: pick('maxOutputTokens') };
}

/** The saved version the draft is identical to, if any: a turn is tied to it. */
export function currentVersionId(state: SessionState, system: string): string | null {
  const last = state.prompt.versions[state.prompt.versions.length - 1];
  return last && last.text === system ? last.id : null;
}
