import { request } from 'node:http';

export interface JsonAnswer<Body> {
  status: number;
  setCookies: string[];
  body: Body;
}

/**
 * POSTs JSON to the test's API on a connection of its own, closed after the answer. fetch keeps
 * connections alive, and a test often waits seconds between two requests (a TOTP step, a browser
 * step): on a loaded machine the API can close the idle connection just as the next request goes
 * out on it, which fails with "other side closed" though the API is fine.
 */
export function postJson<Body>(url: string, headers: Record<string, string>, payload: unknown): Promise<JsonAnswer<Body>> {
  const data = JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), connection: 'close' },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          try {
            resolve({
              status: response.statusCode ?? 0,
              setCookies: response.headers['set-cookie'] ?? [],
              body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Body,
            });
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(data);
  });
}
