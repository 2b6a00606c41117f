import { allocationsOf, allocationsReport, ownerOf, parseAllocationsOptions, type HeapProfile } from '../src/allocations';

/** `pnpm bench:allocations`: its options, and how it reads a sampling heap profile. */

describe('the options of an allocation count', () => {
  it('takes S1 or S2 and one of the bench’s servers', () => {
    expect(parseAllocationsOptions(['--'])).toEqual({
      scenario: 'S2',
      server: 'latchkey',
      seconds: 5,
      warmup: 5,
      connections: 50,
      top: 25,
    });
    expect(parseAllocationsOptions(['--scenario', 'S1', '--server', 'apollo', '--seconds', '3', '--warmup', '0'])).toMatchObject({
      scenario: 'S1',
      server: 'apollo',
      seconds: 3,
      warmup: 0,
    });
    expect(() => parseAllocationsOptions(['--scenario', 'S3'])).toThrow('S1 or S2');
    expect(() => parseAllocationsOptions(['--server', 'nginx'])).toThrow('one of latchkey, bare, apollo');
    expect(() => parseAllocationsOptions(['--top', '0'])).toThrow('--top needs a whole number of at least 1');
  });
});

describe('a sampling heap profile, read', () => {
  const frame = (functionName: string, url: string, lineNumber = 0) => ({ functionName, url, lineNumber });

  it('names a package, a file of Latchkey’s build, or a contender’s file', () => {
    expect(ownerOf('file:///w/node_modules/.pnpm/@apollo+server@5/node_modules/@apollo/server/dist/cjs/requestPipeline.js')).toBe(
      '@apollo/server',
    );
    expect(ownerOf('/w/node_modules/.pnpm/pino@9/node_modules/pino/pino.js')).toBe('pino');
    expect(ownerOf('/w/packages/api/dist/modules/two-factor/attempt-limiter.js')).toBe('Latchkey: modules/two-factor/attempt-limiter.js');
    expect(ownerOf('file:///w/bench/src/contenders/hot-paths.ts')).toBe('hot-paths.ts');
  });

  it('counts bytes a request by owner, native code and Node.js for the script that called them, and by function', () => {
    const profile: HeapProfile = {
      head: {
        id: 1,
        callFrame: frame('(root)', ''),
        children: [
          {
            id: 2,
            callFrame: frame('verify', '/w/packages/api/dist/modules/two-factor/login-challenge.service.js', 107),
            children: [
              { id: 3, callFrame: frame('randomUUID', 'node:internal/crypto/random'), children: [] },
              { id: 4, callFrame: frame('Map', ''), children: [] },
            ],
          },
          { id: 5, callFrame: frame('processHeader', 'node:_http_outgoing'), children: [] },
        ],
      },
      samples: [
        { nodeId: 2, size: 4096 },
        { nodeId: 3, size: 2048 },
        { nodeId: 4, size: 2048 },
        { nodeId: 2, size: 4096 },
        { nodeId: 5, size: 8192 },
      ],
    };
    const allocations = allocationsOf(profile, 4);

    expect(allocations.bytesPerRequest).toBe(5120);
    expect(allocations.byOwner).toEqual([
      ['Latchkey: modules/two-factor/login-challenge.service.js', 3072],
      ['Node.js (called from no script)', 2048],
    ]);
    expect(allocations.byFunction).toEqual([
      ['verify (Latchkey: modules/two-factor/login-challenge.service.js:108)', 2048],
      ['processHeader (node:_http_outgoing)', 2048],
      ['randomUUID (node:internal/crypto/random)', 512],
      ['Map (native)', 512],
    ]);
    expect(allocationsReport(allocations, 1).split('\n')).toEqual([
      '5.0 kB allocated a request.',
      '',
      '| by package or file | kB a request |',
      '| --- | ---: |',
      '| Latchkey: modules/two-factor/login-challenge.service.js | 3.0 |',
      '',
      '| by function | kB a request |',
      '| --- | ---: |',
      '| verify (Latchkey: modules/two-factor/login-challenge.service.js:108) | 2.0 |',
    ]);
  });
});
