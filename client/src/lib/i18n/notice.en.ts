// The full-page notices a page open at the wrong moment shows (part of the session area, session.en.ts). French in notice.fr.ts.
export const noticeEn = {
  'notice.erased.title': 'This session has been erased',
  'notice.erased.body':
    'Everything in it (the work, the notes and the scores) was deleted while this page was open. There is nothing left to show.',
  'notice.revoked.title': 'Your access was revoked',
  'notice.revoked.body': 'This invite no longer opens the session: it was revoked or has expired. Ask whoever invited you for a new link.',
} as const;
