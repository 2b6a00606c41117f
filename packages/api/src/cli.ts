#!/usr/bin/env node
/**
 * The operator's command line. Reads the same settings (and .env) as the server.
 */
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { composeModules, openAppDatabase, type Composition } from './composition-root';
import { ConfigError, loadConfig, type Config } from './config';
import type { LivePolicy } from './modules/administration/stored-policy';
import { UserEntity } from './modules/auth/entities/user.entity';
import { ROLES, Role } from './modules/auth/role';
import { reencryptSecrets } from './modules/two-factor/methods/totp/secret-rotation';
import { reencryptWebhookSecrets } from './modules/webhooks/secret-rotation';
import { AppError, type FieldProblem } from './errors/app-error';
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
  latchkey reencrypt-secrets                         seal every 2FA and webhook secret with the current ENCRYPTION_KEY
                                                     (after a rotation; the old key in ENCRYPTION_KEY_PREVIOUS)
  latchkey set-role <email> <CUSTOMER|SUPPORT|ADMIN> give an account a role (never demotes the last ADMIN)
  latchkey policy show                               the 2FA policy in force (the environment's until one is saved)
  latchkey policy set [--required none|staff|all] [--grace-days N] [--methods TOTP,EMAIL,…]
                      [--remember-days N] [--sms-countries GB,DE|any]
                                                     save the 2FA policy; options left out keep their value`;

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

/** Opens the database (and, when a command asks, the modules on it, built as the server builds them) for one command, and always closes them. */
async function withDatabase<T>(
  config: Config,
  migrate: boolean,
  work: (dataSource: DataSource, modules: () => Composition['modules']) => Promise<T>,
): Promise<T> {
  const dataSource = await openAppDatabase(config, { migrate });
  let composition: Composition | undefined;
  try {
    return await work(
      dataSource,
      () => (composition ??= composeModules(config, dataSource, { clock: systemClock, logger: createLogger(config.logLevel) })).modules,
    );
  } finally {
    await composition?.counterStore.close();
    await dataSource.destroy();
  }
}

/** `policy show` and `policy set`: the operator edits the policy as an admin would, without a proof. */
async function policyCommand(config: Config, args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'show') {
    return withDatabase(config, false, async (_dataSource, modules) => {
      console.log(describePolicy(await modules().administration.administration.policyForOperator()));
    });
  }
  if (sub !== 'set') throw new UsageError('policy needs show or set');
  const { values } = parseArgs({
    args: rest,
    options: {
      required: { type: 'string' },
      'grace-days': { type: 'string' },
      methods: { type: 'string' },
      'remember-days': { type: 'string' },
      'sms-countries': { type: 'string' },
    },
  });
  const required = values.required?.toLowerCase();
  if (required !== undefined && !['none', 'staff', 'all'].includes(required)) throw new UsageError('--required must be none, staff or all');
  const number = (value: string | undefined, name: string) => {
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value)) throw new UsageError(`${name} must be a whole number of days`);
    return Number(value);
  };
  const list = (value: string) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  const countries = values['sms-countries'];
  return withDatabase(config, false, async (_dataSource, modules) => {
    const { administration } = modules().administration;
    const current = await administration.policyForOperator();
    const saved = await administration.updatePolicyAsOperator({
      expectedVersion: current.version,
      requiredFor: required as 'none' | 'staff' | 'all' | undefined,
      graceDays: number(values['grace-days'], '--grace-days'),
      offeredMethods: values.methods === undefined ? undefined : list(values.methods.toUpperCase()),
      rememberBrowserDays: number(values['remember-days'], '--remember-days'),
      smsCountries: countries === undefined ? undefined : countries.trim().toLowerCase() === 'any' ? null : list(countries),
    });
    console.log(`saved the policy as version ${saved.version}`);
    console.log(describePolicy(saved));
  });
}

function describePolicy(policy: LivePolicy): string {
  return [
    `version              ${policy.version}${policy.version === 0 ? ' (the environment’s defaults; never saved)' : ''}`,
    `required for         ${policy.requiredFor}`,
    `grace days           ${policy.graceDays}`,
    `offered methods      ${policy.methods.join(', ')}`,
    `remember-browser days ${policy.rememberBrowserDays}`,
    `SMS countries        ${policy.smsCountries ? policy.smsCountries.join(', ') : 'any'}`,
    ...(policy.updatedAt ? [`saved                ${policy.updatedAt.toISOString()} by ${policy.updatedBy}`] : []),
  ].join('\n');
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
      return withDatabase(config, config.runMigrations, async (_dataSource, modules) => {
        const user = await modules().auth.accounts.createUser(values.email!, password, role);
        console.log(`created ${user.role} ${user.email} (${user.id})`);
      });
    }
    case 'reset-2fa': {
      const { values } = parseArgs({ args: rest, options: { email: { type: 'string' }, reason: { type: 'string' } } });
      if (!values.email) throw new UsageError('reset-2fa needs --email');
      if (!values.reason?.trim()) throw new UsageError('reset-2fa needs --reason (it is written to the security log)');
      return withDatabase(config, false, async (dataSource, modules) => {
        const user = await dataSource.getRepository(UserEntity).findOneBy({ email: values.email!.trim().toLowerCase() });
        if (!user) throw new Error(`no account has the e-mail ${values.email}`);
        await modules().twoFactor.twoFactor.reset(user.id, { actorUserId: null, reason: values.reason!.trim(), ip: null });
        console.log(`reset 2FA of ${user.email}: signed out everywhere and told by e-mail`);
      });
    }
    case 'reencrypt-secrets':
      return withDatabase(config, false, async (dataSource) => {
        const box = new SecretBox(config.encryptionKey, config.previousEncryptionKeys);
        const totp = await reencryptSecrets(dataSource, box);
        const webhooks = await reencryptWebhookSecrets(dataSource, box);
        console.log(`re-encrypted ${totp.resealed} secret(s); ${totp.current} already used the current key`);
        console.log(`re-encrypted ${webhooks.resealed} webhook secret(s); ${webhooks.current} already used the current key`);
      });
    case 'set-role': {
      const [email, roleName] = rest;
      const role = roleName?.toUpperCase() as Role | undefined;
      if (!email || !role) throw new UsageError('set-role needs <email> <role>');
      if (!ROLES.includes(role)) throw new UsageError(`the role must be one of ${ROLES.join(', ')}`);
      return withDatabase(config, false, async (_dataSource, modules) => {
        const user = await modules().administration.administration.setUserRoleAsOperator(email, role);
        console.log(`${user.email} is now ${user.role}`);
      });
    }
    case 'policy':
      return policyCommand(config, rest);
    default:
      throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
    else if (error instanceof ConfigError) console.error(error.message);
    else if (error instanceof AppError) console.error(describeRefusal(error));
    else console.error(error instanceof Error ? error.message : error);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);

/** A refusal of the rules, as the operator reads it: every problem, by its field. */
function describeRefusal(error: AppError): string {
  const fields = error.extensions.fields as FieldProblem[] | undefined;
  if (!fields || fields.length <= 1) return `${error.message} (${error.reason})`;
  return fields.map((problem) => `${problem.field ?? 'input'}: ${problem.message} (${problem.reason})`).join('\n');
}
