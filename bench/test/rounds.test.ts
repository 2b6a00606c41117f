import { schedule } from '../src/rounds';

/** The order of a run's loads, which decides what each measured round follows. */

describe('the schedule of a run', () => {
  const turns = [...schedule(['S3', 'S1'], 2, ['a', 'b', 'c'])].map((t) => `${t.scenario}/${t.round}/${t.name}${t.warmUp ? '+' : ''}`);

  it("runs a scenario's rounds back to back, in the order given, before the next scenario", () => {
    expect(turns).toEqual([
      'S3/1/a+',
      'S3/1/b+',
      'S3/1/c+',
      'S3/2/b',
      'S3/2/c',
      'S3/2/a',
      'S1/1/a+',
      'S1/1/b+',
      'S1/1/c+',
      'S1/2/b',
      'S1/2/c',
      'S1/2/a',
    ]);
  });

  it('gives each server every scenario once a round, warmed up before its first', () => {
    for (const scenario of ['S3', 'S1'])
      for (const server of ['a', 'b', 'c']) {
        const own = turns.filter((t) => t.startsWith(`${scenario}/`) && t.replace('+', '').endsWith(`/${server}`));
        expect(own).toEqual([`${scenario}/1/${server}+`, `${scenario}/2/${server}`]);
      }
  });
});
