const DATE_TIME_FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** An API timestamp in the user's language and time zone ("14 Mar 2026, 09:26"); as given if unreadable. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : DATE_TIME_FORMAT.format(date);
}

const TIME_FORMAT = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** A moment soon, on this browser's clock: the time alone today ("14:32"), with the date on another day. */
export function formatMoment(ms: number, now = Date.now()): string {
  const moment = new Date(ms);
  return moment.toDateString() === new Date(now).toDateString() ? TIME_FORMAT.format(moment) : DATE_TIME_FORMAT.format(moment);
}
