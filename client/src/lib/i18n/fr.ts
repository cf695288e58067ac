import { accountsFr } from './accounts.fr';
import { adminFr } from './admin.fr';
import { candidateFr } from './candidate.fr';
import { coreFr } from './core.fr';
import { errorsFr } from './errors.fr';
import type { Messages } from './en';
import { gradingFr } from './grading.fr';
import { integrationsFr } from './integrations.fr';
import { laterFr } from './later.fr';
import { meFr } from './me.fr';
import { replayFr } from './replay.fr';
import { reportFr } from './report.fr';
import { sessionFr } from './session.fr';
import { staffFr } from './staff.fr';

// French: typed against the English keys, so a missing or extra key fails the type check. Like
// en.ts, never loaded by the page, which fetches the areas it shows (./areas.ts).
export const fr: Messages = {
  ...coreFr,
  ...errorsFr,
  ...sessionFr,
  ...candidateFr,
  ...laterFr,
  ...gradingFr,
  ...staffFr,
  ...replayFr,
  ...reportFr,
  ...adminFr,
  ...accountsFr,
  ...integrationsFr,
  ...meFr,
};
