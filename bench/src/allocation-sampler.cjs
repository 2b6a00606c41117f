// Loaded with `node --require` into a server by `pnpm bench:allocations`: V8's sampling heap
// profiler, counting the objects that garbage collection has already taken too (what a request
// allocates, not what stays). The first SIGUSR2 starts sampling (after the warm-up), the second
// stops it and writes the profile to BENCH_ALLOCATIONS_OUT as JSON (written beside it, then
// renamed, so the file is whole once it is there).
const inspector = require('node:inspector');
const { renameSync, writeFileSync } = require('node:fs');

const session = new inspector.Session();
session.connect();
let sampling = false;

process.on('SIGUSR2', () => {
  if (!sampling) {
    sampling = true;
    session.post('HeapProfiler.startSampling', {
      samplingInterval: 4096,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
    return;
  }
  session.post('HeapProfiler.stopSampling', (error, result) => {
    sampling = false;
    const out = process.env.BENCH_ALLOCATIONS_OUT;
    writeFileSync(`${out}.part`, JSON.stringify(error ? { error: String(error) } : result.profile));
    renameSync(`${out}.part`, out);
  });
});
