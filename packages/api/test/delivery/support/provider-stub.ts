import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeliveryError } from '../../../src/delivery/delivery-error';

/** One request as the provider's side saw it. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type Responder = (request: RecordedRequest, response: ServerResponse) => void;

/**
 * The remote side of SendGrid or Vonage on 127.0.0.1: it records every request and answers with
 * whatever `respond` says. The SDKs under test are the real ones.
 */
export class ProviderStub {
  readonly requests: RecordedRequest[] = [];
  respond: Responder = (_request, response) => json(response, 200, {});

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<ProviderStub> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const stub = new ProviderStub(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const recorded = {
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        stub.requests.push(recorded);
        stub.respond(recorded, res);
      });
    });
    return stub;
  }

  /** Forget the requests and answer with `respond` (between tests). */
  reset(respond: Responder): void {
    this.requests.length = 0;
    this.respond = respond;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }
}

export function json(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/** A request that is read and then never answered. */
export const neverAnswer: Responder = () => undefined;

/** A URL on which nothing listens: a port that was free a moment ago. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** The DeliveryError `work` rejects with; fails the test on anything else. */
export async function deliveryFailure(work: Promise<unknown>): Promise<DeliveryError> {
  const outcome = await work.then(
    () => new Error('expected a DeliveryError, but the send succeeded'),
    (error: unknown) => error,
  );
  if (outcome instanceof DeliveryError) return outcome;
  throw outcome;
}

/** Asserts no secret shows in the error's message, JSON, string form or stack. */
export function expectNoSecrets(error: DeliveryError, secrets: string[]): void {
  const surfaces = [error.message, JSON.stringify(error), String(error), error.stack ?? ''];
  for (const secret of secrets) {
    for (const surface of surfaces) expect(surface).not.toContain(secret);
  }
  expect((error as Error & { cause?: unknown }).cause).toBeUndefined();
}
