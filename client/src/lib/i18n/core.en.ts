// The messages every page may show: the app's frame, languages, roles and statuses, joining and
// planned times, answer failures, copying a link. French in core.fr.ts, same keys.
export const coreEn = {
  'app.name': 'Atelier',
  'app.skipToContent': 'Skip to content',

  'lang.label': 'Language',
  'lang.en': 'English',
  'lang.fr': 'Français',

  'common.cancel': 'Cancel',
  'common.reload': 'Reload the page',
  'common.loading': 'Loading…',
  'common.dismiss': 'Dismiss',

  'role.candidate': 'Candidate',
  'role.interviewer': 'Interviewer',
  'role.reviewer': 'Reviewer',
  'role.admin': 'Admin',

  'status.scheduled': 'Scheduled',
  'status.live': 'In progress',
  'status.ended': 'Ended',

  'notFound.title': 'Page not found',
  'notFound.body': 'There is nothing at this address. Check the link you were given.',

  'join.title': 'Joining the session',
  'join.working': 'Checking your invite…',
  'join.missingToken': 'This link has no invite in it. Open the full link you were sent, or ask for a new one.',
  'join.failed': 'We could not let you in.',
  'join.early.title': 'You are early',
  'join.early.body': 'You can read the brief now; the timer only starts when you press Start.',
  'join.early.continue': 'Continue to the brief',

  'planned.when': 'Planned for {date}, {time} (your time)',
  'planned.in': 'in {wait}',
  'planned.opensAt': 'You can start from {time}.',
  'planned.opensAtDay': 'You can start from {date}, {time}.',
  'planned.earlyAllowed': 'The interviewer has let you start now.',
  'planned.staffOpensAt': 'The candidate can start from {time}.',
  'planned.staffOpensAtDay': 'The candidate can start from {date}, {time}.',
  'planned.staffEarlyAllowed': 'Early start allowed: the candidate can start now.',
  'planned.staffEarlyAllowedBy': 'Early start allowed by {name}: the candidate can start now.',
  'planned.allow': 'Allow early start',
  'planned.allowConfirm': 'Let the candidate start now, before the planned time? This is recorded.',
  'planned.allowYes': 'Allow now',

  'time.minutes': '{minutes} min',
  'time.hoursMinutes': '{hours} h {minutes} min',
  'time.days': '{days} days',

  'failure.auth': 'The model is not available right now. Your interviewer has been told; try another model or carry on.',
  'failure.rate_limit': 'The model is busy. Wait a few seconds and send again.',
  'failure.overloaded': 'The model is overloaded. Wait a few seconds and send again.',
  'failure.server': 'The model had a problem answering. Send again, or try another model.',
  'failure.context_length': 'The conversation is too long for this model. Start a new branch or shorten the prompt.',
  'failure.bad_request': 'The model refused this request. Check the parameters and try again.',
  'failure.timeout': 'The model stopped responding, so the answer was cut off. Send again.',
  'failure.interrupted': 'The answer was cut off before it finished. Send again.',
  'failure.network': 'The model could not be reached. Send again in a moment.',
  'failure.unknown': 'Something went wrong while answering. Send again.',

  'admin.links.copy': 'Copy',
  'admin.links.copied': 'Copied',
  'admin.links.copyFailed': 'Copy failed: select the link and copy it by hand.',
} as const;
