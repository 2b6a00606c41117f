import type { LookupAddress, LookupOptions } from 'node:dns';
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { hostOf, parseTargetUrl, permittedAddresses, type HostResolver, type TargetPolicy } from './target-address';

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface WebhookRequestOptions {
  policy: TargetPolicy;
  resolve: HostResolver;
  /** The whole attempt (resolving, connecting, the head of the answer) must fit in it. */
  timeoutMs: number;
  /** Aborts the attempt (the server is stopping). */
  signal: AbortSignal;
}

/** What an endpoint answered: its status, once the head of the answer arrived. */
export interface WebhookAnswer {
  statusCode: number;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * POSTs one attempt. The endpoint is checked again now (scheme, addresses), and the connection
 * goes to exactly the addresses checked: Node asks our `lookup`, which resolves the name, refuses
 * non-public answers and hands over only what it checked, so a name that resolved to a public
 * address when the webhook was created cannot be pointed at this machine later. Redirects are not
 * followed (a 3xx is an answer like any other), and the body of the answer is not read.
 */
export async function sendWebhookRequest(request: WebhookRequest, options: WebhookRequestOptions): Promise<WebhookAnswer> {
  const { policy, resolve } = options;
  const url = parseTargetUrl(request.url, policy);
  // Node connects to an address literal without looking it up: it is checked here instead.
  if (isIP(hostOf(url)) !== 0) await permittedAddresses(hostOf(url), policy, resolve);
  const lookup = (hostname: string, lookupOptions: LookupOptions, callback: LookupCallback) => {
    permittedAddresses(hostname, policy, resolve).then(
      (addresses) => {
        const wanted = lookupOptions.family ? addresses.filter((a) => a.family === lookupOptions.family) : addresses;
        if (lookupOptions.all) callback(null, wanted);
        else if (wanted[0]) callback(null, wanted[0].address, wanted[0].family);
        else callback(Object.assign(new Error(`${hostname} has no IPv${lookupOptions.family} address`), { code: 'ENOTFOUND' }), '');
      },
      (error: Error) => callback(error, ''),
    );
  };
  const signal = AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]);
  const requestOptions: RequestOptions = {
    method: 'POST',
    headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
    lookup,
    signal,
    // A connection of its own: one that a pool kept open could lead somewhere no longer allowed.
    agent: false,
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<WebhookAnswer>((resolveAnswer, reject) => {
    const outgoing = send(url, requestOptions, (answer: IncomingMessage) => {
      resolveAnswer({ statusCode: answer.statusCode ?? 0 });
      answer.destroy();
    });
    // A refusal of our lookup comes out here too, as the request's error.
    outgoing.once('error', (error) => reject(signal.aborted && !options.signal.aborted ? new Error('timed out') : error));
    outgoing.end(request.body);
  });
}
