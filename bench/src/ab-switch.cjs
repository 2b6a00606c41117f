// Loaded with `node --require` into Latchkey by `pnpm bench:ab`: it switches
// `globalThis.benchVariantB` every BENCH_AB_SLICE_MS milliseconds, false and true in turn, and
// charges each slice's CPU time (the whole process's, user and system) and requests to the variant
// that was on. Code being compared reads the switch in the built JavaScript: the old way when it
// is false, the new way when it is true. Counting starts at SIGUSR2 (after the warm-up); the
// slices are written to BENCH_AB_OUT as JSON when the process is told to stop.
const http = require('node:http');
const { writeFileSync } = require('node:fs');

const sliceMs = Number(process.env.BENCH_AB_SLICE_MS) || 300;
const out = process.env.BENCH_AB_OUT;
globalThis.benchVariantB = false;

/** One slice: which variant was on, its CPU µs and the requests that arrived in it. */
const slices = [];
let counting = false;
let requests = 0;
let cpuAtStart = process.cpuUsage();

const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, ...args) {
  if (event === 'request') requests++;
  return emit.call(this, event, ...args);
};

setInterval(() => {
  const cpu = process.cpuUsage(cpuAtStart);
  cpuAtStart = process.cpuUsage();
  if (counting) slices.push({ b: globalThis.benchVariantB, cpuUs: cpu.user + cpu.system, requests });
  requests = 0;
  globalThis.benchVariantB = !globalThis.benchVariantB;
}, sliceMs).unref();

process.on('SIGUSR2', () => {
  counting = true;
});

const save = () => {
  if (out) writeFileSync(out, JSON.stringify(slices));
};
process.on('SIGTERM', save);
process.on('exit', save);
