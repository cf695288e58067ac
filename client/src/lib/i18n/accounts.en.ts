// The admin's accounts page and the first admin account (an area of areas.ts).
export const accountsEn = {
  'admin.nav.accounts': 'Accounts',
  'admin.accounts.title': 'Staff accounts',
  'admin.accounts.help':
    'People who interview, review or administer. Deactivating an account signs it out everywhere and closes its live sessions at once; what it wrote stays attributed to it.',
  'admin.accounts.name': 'Name',
  'admin.accounts.email': 'Email',
  'admin.accounts.roles': 'Roles',
  'admin.accounts.status': 'Status',
  'admin.accounts.active': 'Active',
  'admin.accounts.inactive': 'Deactivated',
  'admin.accounts.deactivate': 'Deactivate',
  'admin.accounts.reactivate': 'Reactivate',
  'admin.accounts.roleToggle': '{role} role for {name}',
  'admin.accounts.empty': 'No account yet.',
  'admin.accounts.create.title': 'New account',
  'admin.accounts.create.password': 'Password (optional: leave empty for single sign-on only)',
  'admin.accounts.create.submit': 'Create account',
  'admin.accounts.create.working': 'Creating…',
  'admin.accounts.sso': 'SSO',
  'admin.setup.title': 'Create the first admin account',
  'admin.setup.help':
    'This admin link is for setting up: create your own admin account and its password. From then on, sign in with it at /me; the admin token stays the bootstrap credential for scripts.',
  'admin.setup.password': 'Password (12 characters at least)',
  'admin.setup.submit': 'Create my admin account',
  'admin.setup.working': 'Creating…',
  'admin.setup.done': 'Your admin account is ready and signed in.',
};
