// Run as a process of its own by loaded-packages.postgres.test.ts: which optional packages an app on the
// given settings loads shows only in a fresh process's module cache, not in Jest's registry.
import 'reflect-metadata';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';

/** Packages an app needs only for some settings (Redis, the providers of mail and SMS) or some users (security keys). */
const OPTIONAL = ['ioredis', 'nodemailer', '@sendgrid/mail', '@vonage/server-sdk', '@simplewebauthn/server'];

const loaded = (name: string) => Object.keys(require.cache).some((file) => file.includes(`/node_modules/${name}/`));

async function main(): Promise<void> {
  const app = await createApp(loadConfig(process.env));
  try {
    console.log(JSON.stringify(Object.fromEntries(OPTIONAL.map((name) => [name, loaded(name)]))));
  } finally {
    await app.close();
  }
}

void main();
