/** @jest-environment node */
import { formatDateTime, formatMoment } from './dateTime';

describe('formatMoment', () => {
  const now = new Date(2026, 2, 14, 9, 0).getTime();

  it('says only the time for a moment later today', () => {
    const later = new Date(2026, 2, 14, 9, 15).getTime();
    expect(formatMoment(later, now)).toBe(new Intl.DateTimeFormat(undefined, { timeStyle: 'short' }).format(later));
  });

  it('adds the date for a moment on another day', () => {
    const tomorrow = new Date(2026, 2, 15, 0, 30);
    expect(formatMoment(tomorrow.getTime(), now)).toBe(formatDateTime(tomorrow.toISOString()));
  });
});
