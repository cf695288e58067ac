import type { PromptVersion } from '../../../../shared/state';
import type { VersionKey } from './results';

/**
 * The two versions a diff or a comparison shows when the candidate has not picked them:
 * the one before the latest and the latest, or with a single version, it and the draft.
 */
export function defaultPair(
  versions: readonly PromptVersion[],
  picked: { from: VersionKey | undefined; to: VersionKey | undefined },
): { from: VersionKey; to: VersionKey } {
  const last = versions.at(-1)?.id ?? null;
  const previous = versions.length >= 2 ? versions.at(-2)!.id : last;
  const fallbackTo = versions.length >= 2 ? last : null;
  return { from: picked.from === undefined ? previous : picked.from, to: picked.to === undefined ? fallbackTo : picked.to };
}
