import { AtelierError } from '../../shared/errors';
import { draft } from '../../shared/events';
import type { FieldProblem } from '../../shared/problems';
import { compareThreadId } from '../../shared/state';
import { newId } from '../ids';
import { boundedParams, currentVersionId, resolveModel } from './generation';
import { requireExercise, requireLive } from './guards';
import type { Handlers } from './handler';

// Head-to-head: one message to two sides at once — two prompt versions, two models, or both —
// each answered in a fresh conversation of its own, streaming side by side; then the
// candidate's verdict on which answer is better.

const SIDES = ['a', 'b'] as const;

export const COMPARE_HANDLERS: Handlers<'compare.start' | 'compare.verdict'> = {
  'compare.start': ({ session, state, actor }, data) => {
    requireLive(state);
    const exercise = requireExercise(state);
    const sides = data.sides.map((side, i) => {
      // Each refusal names its side's field, so the editor says it under the right picker.
      const at = (field: string, error: AtelierError) => {
        const problem: FieldProblem = { path: `/sides/${i}/${field}`, rule: 'not_allowed', message: error.message };
        return new AtelierError(error.code, `Side ${SIDES[i]}: ${error.message}`, [problem]);
      };
      const version = side.versionId ? state.prompt.versions.find((v) => v.id === side.versionId) : undefined;
      if (side.versionId && !version) throw at('versionId', new AtelierError('not_found', 'No such prompt version.'));
      const system = version?.text ?? state.prompt.draft;
      let model;
      let params;
      try {
        model = resolveModel(session, exercise, side.model);
      } catch (error) {
        throw error instanceof AtelierError ? at('model', error) : error;
      }
      try {
        params = boundedParams(exercise, side.params ?? {});
      } catch (error) {
        throw error instanceof AtelierError ? at('params', error) : error;
      }
      return { side: SIDES[i]!, versionId: version?.id ?? currentVersionId(state, system), system, model, params };
    });
    const messages = [{ role: 'user' as const, content: data.text }];
    const reservations = sides.map((s) => session.reservationFor(s.model.id, { system: s.system, messages }, s.params));
    if (session.affordable(reservations) < sides.length)
      throw new AtelierError('budget_exhausted', 'Not enough of the budget is left to answer on both sides.');
    // Both answers start, or neither.
    session.admitTurns(sides.length);
    const compareId = newId();
    const starts = sides.map((s) => ({ ...s, turnId: newId() }));
    // The same side twice asks the same question again: a deterministic provider words the second differently.
    const same =
      starts[0]!.system === starts[1]!.system &&
      starts[0]!.model.id === starts[1]!.model.id &&
      JSON.stringify(starts[0]!.params) === JSON.stringify(starts[1]!.params);
    return {
      start: () =>
        starts.flatMap(
          (s, i) =>
            session.startAnswer(
              {
                turnId: s.turnId,
                actor,
                threadId: compareThreadId(compareId, s.side),
                // A comparison has no user message node: each answer hangs off the comparison.
                parentId: `compare:${compareId}`,
                model: s.model,
                params: s.params,
                system: s.system,
                messages,
                promptVersionId: s.versionId,
                compare: { compareId, side: s.side },
                ...(same && i === 1 ? { variant: 1 } : {}),
              },
              i === 0
                ? [
                    draft('compare.started', actor, {
                      compareId,
                      text: data.text,
                      sides: starts.map((x) => ({ side: x.side, turnId: x.turnId, versionId: x.versionId })),
                    }),
                  ]
                : [],
            ).events,
        ),
    };
  },
  'compare.verdict': ({ state, actor }, data) => {
    requireLive(state);
    const comparison = state.comparisons[data.compareId];
    if (!comparison) throw new AtelierError('not_found', 'No such comparison.');
    if (comparison.sides.some((s) => state.turns[s.turnId]?.status === 'streaming'))
      throw new AtelierError('conflict', 'Wait for both answers before judging them.');
    return { drafts: [draft('compare.verdict', actor, { compareId: comparison.id, winner: data.winner, reason: data.reason.trim() })] };
  },
};
