// Roles, as plain values: the client imports this file, and it must not pull the schema
// library into the browser bundle. The schema is built from ROLES in events.ts.

/** Who holds an invite (or the admin token). */
export const ROLES = ['candidate', 'interviewer', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const INVITE_ROLES = ['candidate', 'interviewer', 'reviewer'] as const;
export type InviteRole = (typeof INVITE_ROLES)[number];

/** Staff see staff-only events; the candidate never does. */
export function isStaff(role: Role): boolean {
  return role !== 'candidate';
}

/** What a staff account may be granted (the candidate is never an account). */
export const ACCOUNT_ROLES = ['admin', 'interviewer', 'reviewer'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];
