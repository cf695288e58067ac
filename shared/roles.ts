import Type, { type Static } from 'typebox';

/** Who holds an invite (or the admin token). */
export const Role = Type.Union([
  Type.Literal('candidate'),
  Type.Literal('interviewer'),
  Type.Literal('reviewer'),
  Type.Literal('admin'),
]);
export type Role = Static<typeof Role>;

export const INVITE_ROLES = ['candidate', 'interviewer', 'reviewer'] as const;
export type InviteRole = (typeof INVITE_ROLES)[number];

/** Staff see staff-only events; the candidate never does. */
export function isStaff(role: Role): boolean {
  return role !== 'candidate';
}
