import type { Account, CreateAccountBody, UpdateAccountBody } from '$shared/api/accounts';
import { createAccount, listAccounts, updateAccount } from '../api/admin-endpoints';
import { AdminPageState } from './page-state.svelte';

// The accounts page: the list, a new account, a role granted or withdrawn, (de)activation.

export class AccountsBoard extends AdminPageState {
  accounts: Account[] = $state.raw([]);
  loaded = $state(false);

  load(): Promise<boolean> {
    return this.run(async () => {
      this.accounts = await listAccounts();
      this.loaded = true;
    });
  }

  create(body: CreateAccountBody): Promise<boolean> {
    return this.run(async () => {
      const created = await createAccount(body);
      this.accounts = [...this.accounts, created];
    });
  }

  update(id: string, body: UpdateAccountBody): Promise<boolean> {
    return this.run(async () => {
      const updated = await updateAccount(id, body);
      this.accounts = this.accounts.map((a) => (a.id === id ? updated : a));
    });
  }
}
