#!/usr/bin/env node
/**
 * The operator's command line. Reads the same settings (and .env) as the server.
 */
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { ConfigError, loadConfig, type Config } from './config';
import { openDatabase } from './db/data-source';
import { UserEntity } from './modules/auth/entities/user.entity';
import { ROLES, Role } from './modules/auth/role';
import { reencryptSecrets } from './modules/two-factor/secret-rotation';
import { createServices, type Services } from './services';
import { systemClock } from './shared/clock';
import { createLogger } from './shared/logger';
import { SecretBox } from './shared/secret-box';

const USAGE = `Usage:
  latchkey migrate                                   apply pending database migrations
  latchkey create-user --email <address> [--role CUSTOMER|SUPPORT|ADMIN]
                                                     the password is read from LATCHKEY_PASSWORD or standard input
  latchkey reset-2fa --email <address> --reason <text>
                                                     remove a user's 2FA (lost phone, mailbox or number); the user
                                                     is signed out everywhere and told by e-mail
  latchkey reencrypt-secrets                         seal every 2FA secret with the current ENCRYPTION_KEY
                                                     (after a rotation; the old key in ENCRYPTION_KEY_PREVIOUS)`;

class UsageError extends Error {}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.LATCHKEY_PASSWORD;
  if (fromEnv) return fromEnv;
  if (process.stdin.isTTY) process.stderr.write('Password: ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Opens the database (and the services on it) for one command, and always closes them. */
async function withDatabase<T>(
  config: Config,
  migrate: boolean,
  work: (dataSource: DataSource, services: () => Services) => Promise<T>,
): Promise<T> {
  const dataSource = await openDatabase(config.database, { migrate });
  let services: Services | undefined;
  try {
    return await work(
      dataSource,
      () => (services ??= createServices(config, dataSource, { clock: systemClock, logger: createLogger(config.logLevel) })),
    );
  } finally {
    await services?.counterStore.close();
    await dataSource.destroy();
  }
}

async function main(argv: string[]): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const [command, ...rest] = argv;
  const config = loadConfig();

  switch (command) {
    case 'migrate':
      return withDatabase(config, false, async (dataSource) => {
        const applied = await dataSource.runMigrations();
        console.log(applied.length ? `applied ${applied.map((m) => m.name).join(', ')}` : 'database is up to date');
      });
    case 'create-user': {
      const { values } = parseArgs({ args: rest, options: { email: { type: 'string' }, role: { type: 'string' } } });
      const role = (values.role ?? Role.CUSTOMER).toUpperCase() as Role;
      if (!values.email) throw new UsageError('create-user needs --email');
      if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
      const password = await readPassword();
      return withDatabase(config, config.runMigrations, async (_dataSource, services) => {
        const user = await services().accounts.createUser(values.email!, password, role);
        console.log(`created ${user.role} ${user.email} (${user.id})`);
      });
    }
    case 'reset-2fa': {
      const { values } = parseArgs({ args: rest, options: { email: { type: 'string' }, reason: { type: 'string' } } });
      if (!values.email) throw new UsageError('reset-2fa needs --email');
      if (!values.reason?.trim()) throw new UsageError('reset-2fa needs --reason (it is written to the security log)');
      return withDatabase(config, false, async (dataSource, services) => {
        const user = await dataSource.getRepository(UserEntity).findOneBy({ email: values.email!.trim().toLowerCase() });
        if (!user) throw new Error(`no account has the e-mail ${values.email}`);
        await services().twoFactor.twoFactor.reset(user.id, { actorUserId: null, reason: values.reason!.trim(), ip: null });
        console.log(`reset 2FA of ${user.email}: signed out everywhere and told by e-mail`);
      });
    }
    case 'reencrypt-secrets':
      return withDatabase(config, false, async (dataSource) => {
        const { resealed, current } = await reencryptSecrets(
          dataSource,
          new SecretBox(config.encryptionKey, config.previousEncryptionKeys),
        );
        console.log(`re-encrypted ${resealed} secret(s); ${current} already used the current key`);
      });
    default:
      throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
    else if (error instanceof ConfigError) console.error(error.message);
    else console.error(error instanceof Error ? error.message : error);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
