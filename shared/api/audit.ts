import Type, { type Static } from 'typebox';

// The audit log of admin actions (admin), newest first, paged by id.

export const AuditQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    before: Type.Optional(Type.Integer({ minimum: 1, description: 'Only entries with a smaller id' })),
  },
  { additionalProperties: false },
);

export const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: Type.Number(),
  /** `admin`: the bootstrap admin token; `account`: the account named in `account`; `system`: the server itself. */
  actor: Type.String(),
  /** The account that acted (its name when it acted) and how it was signed in; null for the admin token and the system. */
  account: Type.Union([
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      via: Type.Union([Type.Literal('sign_in'), Type.Literal('api_token')]),
    }),
    Type.Null(),
  ]),
  action: Type.String(),
  target: Type.Union([Type.Object({ type: Type.String(), id: Type.String() }), Type.Null()]),
  /** Ids and counts only: never a candidate's name, email or work. Unsafe: an open object is typed as a record. */
  details: Type.Unsafe<Record<string, unknown>>(Type.Object({}, { additionalProperties: true })),
});
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditPage = Type.Object({
  entries: Type.Array(AuditEntry),
  nextBefore: Type.Union([Type.Integer(), Type.Null()], { description: 'Pass as ?before= for the next page; null at the end' }),
});
export type AuditPage = Static<typeof AuditPage>;
