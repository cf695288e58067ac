import { accountsEn } from './accounts.en';
import { adminEn } from './admin.en';
import { candidateEn } from './candidate.en';
import { coreEn } from './core.en';
import { errorsEn } from './errors.en';
import { gradingEn } from './grading.en';
import { integrationsEn } from './integrations.en';
import { laterEn } from './later.en';
import { meEn } from './me.en';
import { replayEn } from './replay.en';
import { reportEn } from './report.en';
import { sessionEn } from './session.en';
import { staffEn } from './staff.en';

// English: the reference dictionary, every area of ./areas.ts merged. Every other language must
// have exactly these keys. The page never loads this file: it fetches the areas its view shows.
// Placeholders are `{name}`; fill them through `I18n.t(key, { name })`.
export const en = {
  ...coreEn,
  ...errorsEn,
  ...sessionEn,
  ...candidateEn,
  ...laterEn,
  ...gradingEn,
  ...staffEn,
  ...replayEn,
  ...reportEn,
  ...adminEn,
  ...accountsEn,
  ...integrationsEn,
  ...meEn,
} as const;

export type MessageKey = keyof typeof en;
/** The shape every other dictionary must fill: same keys, any text. */
export type Messages = Record<MessageKey, string>;
