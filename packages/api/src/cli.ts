#!/usr/bin/env node
/**
 * The operator's command line. Reads the same settings as the server.
 *   latchkey migrate
 *   latchkey create-user --email a@b.c --role SUPPORT   (password from LATCHKEY_PASSWORD or stdin)
 */
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './db/data-source';
import { MemoryCounterStore } from './limits/counter-store';
import { AccountService } from './modules/auth/account.service';
import { LoginThrottle } from './modules/auth/login-throttle';
import { ROLES, Role } from './modules/auth/role';
import { SessionService } from './modules/auth/session.service';
import { reencryptSecrets } from './modules/two-factor/secret-rotation';
import { systemClock } from './shared/clock';
import { SecretBox } from './shared/secret-box';

const USAGE = `Usage:
  latchkey migrate                                   apply pending database migrations
  latchkey reencrypt-secrets                         seal every 2FA secret with the current ENCRYPTION_KEY
                                                     (after a rotation; the old key in ENCRYPTION_KEY_PREVIOUS)
  latchkey create-user --email <address> [--role CUSTOMER|SUPPORT|ADMIN]
                                                     the password is read from LATCHKEY_PASSWORD or standard input`;

async function readPassword(): Promise<string> {
  const fromEnv = process.env.LATCHKEY_PASSWORD;
  if (fromEnv) return fromEnv;
  if (process.stdin.isTTY) process.stderr.write('Password: ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

async function main(argv: string[]): Promise<number> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const [command, ...rest] = argv;
  const config = loadConfig();

  switch (command) {
    case 'migrate': {
      const dataSource = await openDatabase(config.database, { migrate: false });
      try {
        const applied = await dataSource.runMigrations();
        console.log(applied.length ? `applied ${applied.map((m) => m.name).join(', ')}` : 'database is up to date');
      } finally {
        await dataSource.destroy();
      }
      return 0;
    }
    case 'reencrypt-secrets': {
      const dataSource = await openDatabase(config.database, { migrate: false });
      try {
        const { resealed, current } = await reencryptSecrets(dataSource, new SecretBox(config.encryptionKey, config.previousEncryptionKeys));
        console.log(`re-encrypted ${resealed} secret(s); ${current} already used the current key`);
      } finally {
        await dataSource.destroy();
      }
      return 0;
    }
    case 'create-user': {
      const { values } = parseArgs({ args: rest, options: { email: { type: 'string' }, role: { type: 'string' } } });
      const role = (values.role ?? Role.CUSTOMER).toUpperCase() as Role;
      if (!values.email) throw new UsageError('create-user needs --email');
      if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
      const password = await readPassword();
      const dataSource = await openDatabase(config.database, { migrate: config.runMigrations });
      try {
        const sessions = new SessionService(dataSource, systemClock, config.session);
        const throttle = new LoginThrottle(new MemoryCounterStore(), systemClock);
        const accounts = new AccountService(dataSource, systemClock, sessions, throttle, { registrationEnabled: true });
        const user = await accounts.createUser(values.email, password, role);
        console.log(`created ${user.role} ${user.email} (${user.id})`);
      } finally {
        await dataSource.destroy();
      }
      return 0;
    }
    default:
      throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  }
}

class UsageError extends Error {}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
    else if (error instanceof ConfigError) console.error(error.message);
    else console.error(error instanceof Error ? error.message : error);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
