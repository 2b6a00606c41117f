// Dates are written by hand, in English like every other word of the panel, in the browser's time
// zone. Not with Intl: a page's first Intl formatter loads the browser's locale data, 110-300 ms in
// Chromium slowed to a phone's speed, longer than rendering the page it was used on and in the same
// task.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const twoDigits = (value: number) => String(value).padStart(2, '0');
/** "09:26", on the 24-hour clock. */
const timeOfDay = (date: Date) => `${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}`;
/** "14 Mar 2026, 09:26". */
const dayAndTime = (date: Date) => `${date.getDate()} ${MONTHS[date.getMonth()]} ${date.getFullYear()}, ${timeOfDay(date)}`;

/** An API timestamp in the browser's time zone ("14 Mar 2026, 09:26"); as given if unreadable. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dayAndTime(date);
}

/** A moment soon, on this browser's clock: the time alone today ("14:32"), with the date on another day. */
export function formatMoment(ms: number, now = Date.now()): string {
  const moment = new Date(ms);
  return moment.toDateString() === new Date(now).toDateString() ? timeOfDay(moment) : dayAndTime(moment);
}
