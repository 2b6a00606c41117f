import { connect, type Socket } from 'node:net';
import { startTestApp, type TestApp } from './support/test-app';

/** Node's own keep-alive time-out: what the API's server keeps in production. */
const NODE_KEEP_ALIVE_MS = 5_000;

/**
 * Blocks the one event loop the tests and the in-process server share, without spending CPU: what
 * slow synchronous code does there (Jest runs qrcode's PNG encoder some 40 times slower than Node).
 */
const blockEventLoop = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

const QUERY = JSON.stringify({ query: '{ __typename }' });
const requestText = (host: string) =>
  `POST /graphql HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(QUERY)}\r\n\r\n${QUERY}`;

/** Reads one HTTP response (with a Content-Length) off the socket: its status line, or the socket's error. */
function nextResponse(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const head = received.indexOf('\r\n\r\n');
      if (head < 0) return;
      const length = Number(/content-length: *(\d+)/i.exec(received.subarray(0, head).toString())?.[1] ?? NaN);
      if (received.length < head + 4 + length) return;
      cleanUp();
      resolve(received.subarray(0, received.indexOf('\r\n')).toString());
    };
    const onError = (error: Error) => (cleanUp(), reject(error));
    const onClose = () => (cleanUp(), reject(new Error('closed before an answer')));
    const cleanUp = () => socket.off('data', onData).off('error', onError).off('close', onClose);
    socket.on('data', onData).on('error', onError).on('close', onClose);
  });
}

describe('the in-process test server', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  // Eleven sign-ups at once used to fail with `fetch failed: read ECONNRESET`: while the loop was
  // stalled, the client had sent its next request on a kept-alive connection, and the server's
  // idle timer, expired meanwhile, fired before the request was read and reset the connection.
  it('answers a request sent on a kept-alive connection just before the event loop stalls', async () => {
    const url = new URL(t.url);
    const socket = connect(Number(url.port), url.hostname);
    try {
      await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
      let answer = nextResponse(socket);
      socket.write(requestText(url.host));
      expect(await answer).toBe('HTTP/1.1 200 OK');

      answer = nextResponse(socket);
      socket.write(requestText(url.host));
      expect(socket.writableLength).toBe(0); // the request is with the kernel, unread by the server
      blockEventLoop(NODE_KEEP_ALIVE_MS + 1_000);
      expect(await answer).toBe('HTTP/1.1 200 OK');
    } finally {
      socket.destroy();
    }
  });
});
