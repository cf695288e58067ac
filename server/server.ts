import { join } from 'node:path';
import { buildApp } from './app';
import { loadOrCreateSecret } from './auth/secrets-file';
import { loadConfig } from './config';

// The only file that listens. Everything else is built by buildApp so tests can run it too.

const config = loadConfig();
const generated = config.adminToken ? undefined : loadOrCreateSecret(config.dataDir, 'admin-token');
const adminToken = config.adminToken ?? generated!.value;
const cookieSecret = loadOrCreateSecret(config.dataDir, 'cookie-secret').value;

const app = await buildApp({ config, adminToken, cookieSecret });

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    // Running answers are recorded as interrupted before the database closes.
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}

await app.listen({ port: config.port, host: config.host });

// The admin link goes to the terminal, not the log: it is a credential.
const lines = ['', `  Atelier is running at ${config.publicUrl}`];
if (generated?.created) {
  lines.push(
    `  Admin link (shown once; open it to create the first admin account and its password; the token is kept in ${join(config.dataDir, 'admin-token')}):`,
    `  ${config.publicUrl}/admin#${adminToken}`,
  );
} else if (generated) {
  lines.push(`  Staff sign-in: ${config.publicUrl}/me — the admin token (bootstrap, scripts) is in ${join(config.dataDir, 'admin-token')}`);
} else {
  lines.push(`  Admin: ${config.publicUrl}/admin — sign in with ATELIER_ADMIN_TOKEN`);
}
process.stdout.write(`${lines.join('\n')}\n\n`);
