/**
 * A screen's script file could not be fetched. Most often a new version of the panel was deployed
 * while this tab was open, and the file the old version asks for is gone; only a reload helps, as
 * the browser remembers a failed module for the life of the page.
 */
export class PageLoadError extends Error {
  constructor(cause: unknown) {
    super('A script file of the panel could not be loaded', { cause });
    this.name = 'PageLoadError';
  }
}

/** Loads a screen's code (a dynamic import), telling a failed download apart from a screen that breaks. */
export function loadPageCode<T>(load: () => Promise<T>): Promise<T> {
  return load().catch((cause: unknown) => {
    throw new PageLoadError(cause);
  });
}
