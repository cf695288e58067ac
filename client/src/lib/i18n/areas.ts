import type { accountsEn } from './accounts.en';
import type { adminEn } from './admin.en';
import type { candidateEn } from './candidate.en';
import type { coreEn } from './core.en';
import type { errorsEn } from './errors.en';
import type { gradingEn } from './grading.en';
import type { integrationsEn } from './integrations.en';
import type { laterEn } from './later.en';
import type { meEn } from './me.en';
import type { replayEn } from './replay.en';
import type { reportEn } from './report.en';
import type { sessionEn } from './session.en';
import type { staffEn } from './staff.en';

// The dictionary in areas, each language's area a chunk of its own (`<area>.<locale>.ts`): a page
// fetches the areas its view shows, in its language only, before the view renders.
// tests/client/i18n-areas.test.ts holds every key a view's code uses to the areas listed for it.

interface AreaKeys {
  core: keyof typeof coreEn;
  errors: keyof typeof errorsEn;
  session: keyof typeof sessionEn;
  candidate: keyof typeof candidateEn;
  later: keyof typeof laterEn;
  grading: keyof typeof gradingEn;
  staff: keyof typeof staffEn;
  replay: keyof typeof replayEn;
  report: keyof typeof reportEn;
  admin: keyof typeof adminEn;
  accounts: keyof typeof accountsEn;
  integrations: keyof typeof integrationsEn;
  me: keyof typeof meEn;
}
export type Area = keyof AreaKeys;

/** Each area's messages in one language: a loader that returns another area's fails the type check. */
type AreaLoaders = { readonly [A in Area]: () => Promise<Record<AreaKeys[A], string>> };

export const AREA_LOADERS: { readonly en: AreaLoaders; readonly fr: AreaLoaders } = {
  en: {
    core: () => import('./core.en').then((m) => m.coreEn),
    errors: () => import('./errors.en').then((m) => m.errorsEn),
    session: () => import('./session.en').then((m) => m.sessionEn),
    candidate: () => import('./candidate.en').then((m) => m.candidateEn),
    later: () => import('./later.en').then((m) => m.laterEn),
    grading: () => import('./grading.en').then((m) => m.gradingEn),
    staff: () => import('./staff.en').then((m) => m.staffEn),
    replay: () => import('./replay.en').then((m) => m.replayEn),
    report: () => import('./report.en').then((m) => m.reportEn),
    admin: () => import('./admin.en').then((m) => m.adminEn),
    accounts: () => import('./accounts.en').then((m) => m.accountsEn),
    integrations: () => import('./integrations.en').then((m) => m.integrationsEn),
    me: () => import('./me.en').then((m) => m.meEn),
  },
  fr: {
    core: () => import('./core.fr').then((m) => m.coreFr),
    errors: () => import('./errors.fr').then((m) => m.errorsFr),
    session: () => import('./session.fr').then((m) => m.sessionFr),
    candidate: () => import('./candidate.fr').then((m) => m.candidateFr),
    later: () => import('./later.fr').then((m) => m.laterFr),
    grading: () => import('./grading.fr').then((m) => m.gradingFr),
    staff: () => import('./staff.fr').then((m) => m.staffFr),
    replay: () => import('./replay.fr').then((m) => m.replayFr),
    report: () => import('./report.fr').then((m) => m.reportFr),
    admin: () => import('./admin.fr').then((m) => m.adminFr),
    accounts: () => import('./accounts.fr').then((m) => m.accountsFr),
    integrations: () => import('./integrations.fr').then((m) => m.integrationsFr),
    me: () => import('./me.fr').then((m) => m.meFr),
  },
};

export const AREAS = Object.keys(AREA_LOADERS.en) as Area[];

const SESSION = ['core', 'session', 'candidate', 'grading'] as const;

/**
 * Fetched by every page right after its first render, not before: no first screen shows one of
 * its messages (an error follows a request's answer, a pattern issue a keystroke).
 */
export const AFTER_FIRST_RENDER = ['errors'] as const satisfies readonly Area[];

/** Fetched with the workspace's later parts (components/workspace/later.svelte.ts). */
export const WORKSPACE_LATER = ['later'] as const satisfies readonly Area[];

/**
 * The areas each view shows on its first render, its frame's included. `shell` is what App renders itself (the join
 * and not-found pages); `session` is SessionView while the session loads, before its role's view.
 */
export const VIEW_AREAS = {
  shell: ['core'],
  session: ['core', 'session'],
  candidate: SESSION,
  observer: [...SESSION, 'staff'],
  replay: [...SESSION, 'staff', 'replay', 'report'],
  admin: ['core', 'admin', 'accounts', 'integrations', 'grading', 'report'],
  me: ['core', 'me'],
} as const satisfies Record<string, readonly Area[]>;
export type AreaView = keyof typeof VIEW_AREAS;
