import { PasswordHasher } from '@latchkey/api/src/modules/auth/password';
import { PASSWORD } from './fixtures';

/** Latchkey's production cost. */
const passwords = new PasswordHasher('standard');

/**
 * argon2id on its own, with Latchkey's own functions and parameters: what one password check costs
 * on the server's core, so S3's numbers can be read against it. Run as a process of its own, pinned
 * like the servers, with as many checks in flight as libuv's thread pool runs (as under load).
 */

export interface Argon2Alone {
  /** One check at a time: the latency floor of a sign-in. */
  msPerVerify: number;
  /** Checks in flight on the thread pool: the ceiling of sign-ins per second on this core. */
  verifiesPerSecond: number;
  threads: number;
}

async function measure(seconds: number): Promise<Argon2Alone> {
  const hash = await passwords.hash(PASSWORD);
  const threads = Number(process.env.UV_THREADPOOL_SIZE ?? 4);
  let sequential = 0;
  const sequentialStart = performance.now();
  while (performance.now() - sequentialStart < (seconds * 1000) / 2) {
    await passwords.verify(hash, PASSWORD);
    sequential++;
  }
  const msPerVerify = (performance.now() - sequentialStart) / sequential;

  let parallel = 0;
  const parallelStart = performance.now();
  const deadline = parallelStart + (seconds * 1000) / 2;
  await Promise.all(
    Array.from({ length: threads }, async () => {
      while (performance.now() < deadline) {
        await passwords.verify(hash, PASSWORD);
        parallel++;
      }
    }),
  );
  return { msPerVerify, verifiesPerSecond: parallel / ((performance.now() - parallelStart) / 1000), threads };
}

if (require.main === module) {
  measure(Number(process.argv[2] ?? 4)).then(
    (result) => console.log(JSON.stringify(result)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
