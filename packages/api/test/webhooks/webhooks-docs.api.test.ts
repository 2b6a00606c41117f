import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, stopChild } from '../support/api-process';
import { enableTotp, registerUser } from '../support/flows';
import { startTestApp, type TestApp } from '../support/test-app';
import { startWebhookReceiver } from '../support/webhook-receiver';
import { WEBHOOK_OPS, freshCode, staffMember, type StaffMember } from '../support/webhook-ops';

const ROOT = path.join(__dirname, '../../../..');
const EXAMPLE = path.join(ROOT, 'examples/typescript');

/** The sh blocks of docs/webhooks.md. */
function shellBlocks(): string[] {
  const text = readFileSync(path.join(ROOT, 'docs/webhooks.md'), 'utf8');
  return [...text.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
}

describe('docs/webhooks.md and the example receiver, against real deliveries', () => {
  let t: TestApp;
  let admin: StaffMember;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await staffMember(t);
  }, 60_000);
  afterAll(() => t.close());

  const create = async (url: string) => {
    const created = await admin.client.request(WEBHOOK_OPS.CREATE, { url, events: ['TWO_FACTOR_ENABLED'], proof: freshCode(t, admin) });
    expect(created.errors).toBeUndefined();
    return created.data!.createWebhook.secret as string;
  };

  it('verifies a delivery with the shell commands of the guide, and refuses a changed body', async () => {
    const receiver = await startWebhookReceiver();
    const dir = mkdtempSync(path.join(tmpdir(), 'latchkey-webhook-doc-'));
    try {
      const secret = await create(receiver.url);
      await enableTotp(t, await registerUser(t, 'doc-shell'));
      const [request] = await receiver.waitFor(1);
      const [script] = shellBlocks();
      const env = {
        PATH: process.env.PATH!,
        WEBHOOK_SECRET: secret,
        WEBHOOK_ID: String(request!.headers['webhook-id']),
        WEBHOOK_TIMESTAMP: String(request!.headers['webhook-timestamp']),
        WEBHOOK_SIGNATURE: String(request!.headers['webhook-signature']),
      };
      const verify = () => spawnSync('bash', ['-euo', 'pipefail', '-c', script!], { cwd: dir, env, encoding: 'utf8' });
      writeFileSync(path.join(dir, 'body.json'), request!.body);
      expect(verify()).toMatchObject({ status: 0, stdout: 'valid\n' });
      writeFileSync(path.join(dir, 'body.json'), request!.body.replace('TOTP', 'SMS'));
      const refused = verify();
      expect(refused).toMatchObject({ status: 1, stdout: '' });
      expect(refused.stderr).toMatch(/invalid signature\n$/);
    } finally {
      await receiver.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs examples/typescript/src/receive-webhooks.ts as an endpoint: it verifies the delivery and answers 204', async () => {
    const port = await freePort();
    const secret = await create(`http://127.0.0.1:${port}/`);
    const child = spawn(path.join(EXAMPLE, 'node_modules/.bin/tsx'), ['src/receive-webhooks.ts'], {
      cwd: EXAMPLE,
      env: { PATH: process.env.PATH!, WEBHOOK_SECRET: secret, PORT: String(port) },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const printed = (text: string) =>
      new Promise<void>((resolve, reject) => {
        const deadline = setTimeout(() => reject(new Error(`the example printed no "${text}": ${output}`)), 20_000);
        const check = () => {
          if (!output.includes(text)) return;
          clearTimeout(deadline);
          child.stdout.off('data', check);
          resolve();
        };
        child.stdout.on('data', check);
        check();
      });
    try {
      await printed('receiving webhooks');
      const user = await registerUser(t, 'doc-example');
      const me = (await user.client.request('query { me { id } }')).data!.me.id as string;
      await enableTotp(t, user);
      await printed(`TWO_FACTOR_ENABLED (two_factor.enabled) for user ${me}`);
      await t.app.modules.webhooks.dispatcher.drain();
      const webhookId = ((await admin.client.request(WEBHOOK_OPS.LIST)).data!.webhooks as Array<{ id: string; url: string }>).find((w) =>
        w.url.includes(`:${port}/`),
      )!.id;
      const log = await admin.client.request(WEBHOOK_OPS.DELIVERIES, { webhookId });
      expect(log.data!.webhookDeliveries.edges[0].node).toMatchObject({ status: 'SUCCEEDED', lastStatusCode: 204 });
    } finally {
      // Waited for: a receiver still running would outlive this file and hold its worker open.
      await stopChild(child);
    }
  });
});
