/** @jest-environment node */
import { groupThousands } from './count';

describe('groupThousands', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [65536, '65,536'],
    [1234567, '1,234,567'],
    [-1000, '-1,000'],
  ])('writes %d as %s, as English does', (count, words) => {
    expect(groupThousands(count)).toBe(words);
    expect(groupThousands(count)).toBe(count.toLocaleString('en'));
  });
});
