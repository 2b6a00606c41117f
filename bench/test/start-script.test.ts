import { parseStartScript, startScript } from '../src/latchkey';

/** The bench starts Latchkey as `pnpm start` does, from the start script's own words. */

describe('reading a start script', () => {
  const SCRIPT = 'packages/api/dist/main.js';

  it('takes the assignments before node as its environment, and the words between as its options', () => {
    expect(parseStartScript(`A_B=x=1:y=2 C=3 node --max-semi-space-size=8 --foo ${SCRIPT}`, SCRIPT)).toEqual({
      env: { A_B: 'x=1:y=2', C: '3' },
      nodeOptions: ['--max-semi-space-size=8', '--foo'],
    });
    expect(parseStartScript(`node ${SCRIPT}`, SCRIPT)).toEqual({ env: {}, nodeOptions: [] });
  });

  it('refuses a script it would run differently from the shell', () => {
    expect(() => parseStartScript(`node ${SCRIPT} --port 1`, SCRIPT)).toThrow(/is not/);
    expect(() => parseStartScript(`cd x && node ${SCRIPT}`, SCRIPT)).toThrow(/is not/);
    expect(() => parseStartScript(`tsx ${SCRIPT}`, SCRIPT)).toThrow(/is not/);
  });

  it('reads the root package’s start script', () => {
    const start = startScript();
    expect(start.env.GLIBC_TUNABLES).toContain('glibc.malloc.mmap_threshold=');
    expect(start.env.GLIBC_TUNABLES).toContain('glibc.malloc.hugetlb=1');
  });
});
