import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { OffsetFileClock } from '../src/shared/offset-file-clock';

describe('the test clock of TEST_CLOCK_FILE', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'latchkey-clock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is the system clock until the file says otherwise, then moves by the offset it holds at every tick', () => {
    const file = path.join(dir, 'clock');
    const clock = new OffsetFileClock(file);
    const near = (ms: number) => expect(Math.abs(clock.now().getTime() - (Date.now() + ms))).toBeLessThan(1000);
    near(0);
    writeFileSync(file, '');
    near(0);
    const threeDays = 72 * 60 * 60_000;
    writeFileSync(file, `${threeDays}\n`);
    near(threeDays);
    writeFileSync(file, '-60000');
    near(-60_000);
  });

  it('refuses a file that holds anything but whole milliseconds, instead of leaving time where it was', () => {
    const file = path.join(dir, 'clock');
    writeFileSync(file, '3 days');
    expect(() => new OffsetFileClock(file).now()).toThrow(/not a whole number of milliseconds/);
  });
});
