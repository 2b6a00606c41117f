import { availableParallelism } from 'node:os';

/**
 * Sizes libuv's thread pool to the cores this process may run on, between 2 and libuv's own 4,
 * unless the operator set UV_THREADPOOL_SIZE. argon2 hashes there and is bound by the CPU, so more
 * threads than cores do not hash faster; but each thread's malloc arena keeps the 19 MiB block of
 * its last hash for the life of the process. At least two, so that one hash alone never holds up the
 * log's writes and name lookups, which share the pool. libuv reads the variable when the pool first
 * starts, so this module must run before anything uses the pool: main imports it first.
 */
const MIN_THREADS = 2;
const LIBUV_DEFAULT_THREADS = 4;

process.env.UV_THREADPOOL_SIZE ||= String(Math.min(LIBUV_DEFAULT_THREADS, Math.max(MIN_THREADS, availableParallelism())));
