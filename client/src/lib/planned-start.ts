import type { I18n } from './i18n/i18n.svelte';

// How the page says from when Start opens: the time alone on the same day ("from 13:55"), the
// day too when it is another one, in the reader's time zone.

export function opensAtText(i18n: I18n, opensAt: number, now: number, audience: 'candidate' | 'staff'): string {
  const time = i18n.clockTime(opensAt);
  if (i18n.longDate(opensAt) === i18n.longDate(now))
    return i18n.t(audience === 'candidate' ? 'planned.opensAt' : 'planned.staffOpensAt', { time });
  return i18n.t(audience === 'candidate' ? 'planned.opensAtDay' : 'planned.staffOpensAtDay', { date: i18n.longDate(opensAt), time });
}
