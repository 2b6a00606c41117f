/** @jest-environment node */
import { formatDateTime, formatMoment } from './dateTime';

describe('formatDateTime', () => {
  it('writes a timestamp as day, month, year and the time, in this time zone', () => {
    const local = new Date(2026, 2, 14, 9, 26);
    expect(formatDateTime(local.toISOString())).toBe('14 Mar 2026, 09:26');
    expect(formatDateTime(new Date(2026, 11, 3, 23, 5).toISOString())).toBe('3 Dec 2026, 23:05');
  });

  it('gives back what it cannot read', () => {
    expect(formatDateTime('soon')).toBe('soon');
  });
});

describe('formatMoment', () => {
  const now = new Date(2026, 2, 14, 9, 0).getTime();

  it('says only the time for a moment later today', () => {
    expect(formatMoment(new Date(2026, 2, 14, 9, 15).getTime(), now)).toBe('09:15');
  });

  it('adds the date for a moment on another day', () => {
    expect(formatMoment(new Date(2026, 2, 15, 0, 30).getTime(), now)).toBe('15 Mar 2026, 00:30');
  });
});
