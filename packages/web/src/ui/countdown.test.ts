import { act, renderHook } from '@testing-library/react';
import { deadlineFrom, formatClock, useSecondsLeft } from './countdown';

const NOW = Date.parse('2030-01-01T12:00:00.000Z');
const TEN_MINUTES = 10 * 60_000;

describe('deadlineFrom', () => {
  it("uses the server's timestamp when it is plausible", () => {
    expect(deadlineFrom('2030-01-01T12:09:30.000Z', NOW, TEN_MINUTES)).toBe(NOW + 9.5 * 60_000);
  });

  it('counts the longest wait from now when the browser clock is far off', () => {
    // The browser is 20 minutes fast: the timestamp looks already past.
    expect(deadlineFrom('2030-01-01T11:50:00.000Z', NOW, TEN_MINUTES)).toBe(NOW + TEN_MINUTES);
    // The browser is an hour slow: the timestamp looks too far ahead.
    expect(deadlineFrom('2030-01-01T13:10:00.000Z', NOW, TEN_MINUTES)).toBe(NOW + TEN_MINUTES);
    expect(deadlineFrom('not a date', NOW, TEN_MINUTES)).toBe(NOW + TEN_MINUTES);
  });
});

describe('formatClock', () => {
  it.each([
    [0, '0:00'],
    [5, '0:05'],
    [59.2, '1:00'],
    [600, '10:00'],
    [-3, '0:00'],
  ])('shows %s seconds as %s', (seconds, shown) => {
    expect(formatClock(seconds)).toBe(shown);
  });
});

describe('useSecondsLeft', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.setSystemTime(NOW);
  });

  afterEach(() => jest.useRealTimers());

  it('counts down every second and stops at zero', () => {
    const { result } = renderHook(() => useSecondsLeft(NOW + 3_000));
    expect(result.current).toBe(3);

    act(() => jest.advanceTimersByTime(1_000));
    expect(result.current).toBe(2);

    act(() => jest.advanceTimersByTime(5_000));
    expect(result.current).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('has nothing to count without a deadline', () => {
    const { result } = renderHook(() => useSecondsLeft(null));
    expect(result.current).toBeNull();
  });
});
