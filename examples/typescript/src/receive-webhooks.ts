/**
 * An endpoint that receives Latchkey's webhooks: it checks each delivery's signature, answers 204
 * at once (work that takes longer belongs after the answer: an attempt has 10 seconds), and skips
 * a `webhook-id` it has seen (a retry of a delivery whose answer was lost). `WEBHOOK_SECRET` is the
 * secret createWebhook showed; `PORT` where to listen (default 8080).
 */
import { createServer } from 'node:http';
import { InvalidWebhook, verifyWebhook, webhookEventOf } from './verify-webhook';

const secret = process.env.WEBHOOK_SECRET;
if (!secret) throw new Error('set WEBHOOK_SECRET to the secret createWebhook answered');
const port = Number(process.env.PORT ?? 8080);
const seen = new Set<string>();

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    try {
      const payload = verifyWebhook(secret, req.headers, Buffer.concat(chunks).toString('utf8'));
      const id = String(req.headers['webhook-id']);
      res.writeHead(204).end();
      if (seen.has(id)) return;
      seen.add(id);
      console.log(`${webhookEventOf(payload)} (${payload.type}) for user ${payload.data.userId} at ${payload.timestamp}`);
    } catch (error) {
      if (!(error instanceof InvalidWebhook)) throw error;
      console.log(`refused a delivery: ${error.message}`);
      res.writeHead(401).end();
    }
  });
});
server.listen(port, () => console.log(`receiving webhooks on port ${port}`));
process.once('SIGTERM', () => server.close());
