/**
 * A whole number with its thousands grouped the English way ("1,000"). Not `toLocaleString`: a
 * page's first Intl formatter loads the browser's locale data, which took most of the time the
 * first load's script ran, and the words that use this are built as that script runs.
 */
export function groupThousands(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
