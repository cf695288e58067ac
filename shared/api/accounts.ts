import Type, { type Static } from 'typebox';
import { LIMITS } from '../limits';
import type { AccountRole as AccountRoleName } from '../roles';

// Staff accounts (admin): list, create, rename, grant roles, deactivate. An account is never
// deleted: deactivating it signs it out everywhere and closes its sockets, and what it wrote
// stays attributed to it.

export const AccountRole = Type.Union([Type.Literal('admin'), Type.Literal('interviewer'), Type.Literal('reviewer')]);
// The schema and the plain list in roles.ts (which the client imports) must name the same roles.
const _sameRoles: [Static<typeof AccountRole>, AccountRoleName] extends [AccountRoleName, Static<typeof AccountRole>] ? true : never = true;
void _sameRoles;

const Roles = Type.Array(AccountRole, { maxItems: 3, uniqueItems: true });
const Name = Type.String({ minLength: 1, maxLength: LIMITS.maxNameChars });
export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });
/** Long enough to resist guessing; bounded so that hashing one costs a known amount. */
export const Password = Type.String({ minLength: 12, maxLength: 256 });

export const Account = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  roles: Type.Array(AccountRole),
  active: Type.Boolean(),
  /** How the account can sign in. */
  password: Type.Boolean({ description: 'Whether the account has a password' }),
  sso: Type.Boolean({ description: 'Whether the account has signed in through the identity provider' }),
  createdAt: Type.Number(),
  updatedAt: Type.Number(),
});
export type Account = Static<typeof Account>;

export const AccountList = Type.Object({ accounts: Type.Array(Account) });
export type AccountList = Static<typeof AccountList>;

export const AccountParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export type AccountParams = Static<typeof AccountParams>;

export const CreateAccountBody = Type.Object(
  {
    email: Email,
    name: Name,
    roles: Roles,
    password: Type.Optional(Password),
  },
  { additionalProperties: false },
);
export type CreateAccountBody = Static<typeof CreateAccountBody>;

export const UpdateAccountBody = Type.Object(
  {
    name: Type.Optional(Name),
    roles: Type.Optional(Roles),
    active: Type.Optional(Type.Boolean({ description: 'false signs the account out everywhere and closes its sockets at once' })),
    password: Type.Optional(Password),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateAccountBody = Static<typeof UpdateAccountBody>;

export const PasswordSignIn = Type.Object(
  { email: Type.String({ minLength: 1, maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);
export type PasswordSignIn = Static<typeof PasswordSignIn>;

/** The first start's one-time admin link: the admin token, and the first admin account to create with it. */
export const FirstAdminBody = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 200 }), email: Email, name: Name, password: Password },
  { additionalProperties: false },
);
export type FirstAdminBody = Static<typeof FirstAdminBody>;

export const SetupStatus = Type.Object({ needed: Type.Boolean({ description: 'True until the first admin account exists' }) });
export type SetupStatus = Static<typeof SetupStatus>;

/** The signed-in account, and how this browser signed in. */
export const Me = Type.Object({
  account: Account,
  signIn: Type.Object({
    method: Type.Union([Type.Literal('password'), Type.Literal('oidc'), Type.Literal('setup'), Type.Literal('token')]),
    expiresAt: Type.Union([Type.Number(), Type.Null()]),
  }),
});
export type Me = Static<typeof Me>;

/** How staff can sign in here, for the sign-in page. */
export const SignInOptions = Type.Object({
  password: Type.Boolean(),
  /** Where single sign-on starts (GET, a browser navigation), or null without an identity provider. */
  oidcLogin: Type.Union([Type.String(), Type.Null()]),
});
export type SignInOptions = Static<typeof SignInOptions>;

export const OidcCallbackQuery = Type.Object(
  {
    code: Type.Optional(Type.String({ maxLength: 2048 })),
    state: Type.Optional(Type.String({ maxLength: 512 })),
    iss: Type.Optional(Type.String({ maxLength: 2048 })),
    error: Type.Optional(Type.String({ maxLength: 256 })),
    error_description: Type.Optional(Type.String({ maxLength: 2048 })),
    session_state: Type.Optional(Type.String({ maxLength: 512 })),
  },
  { additionalProperties: false },
);

/** A redirect's empty body (the Location header says where). */
export const Redirect = Type.Null({ description: 'See the Location header' });
