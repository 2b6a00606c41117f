import { createElement, lazy, type ComponentType } from 'react';

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

/** Screens loaded on demand, whose module can be read at once when it has arrived. */
export interface PageCode<Module> {
  load(): Promise<Module>;
  /** The module, once loaded (by a preload or by a page that needed it). */
  readonly loaded: Module | undefined;
}

export function pageCode<Module>(importer: () => Promise<Module>): PageCode<Module> {
  let loaded: Module | undefined;
  return {
    load: () =>
      loadPageCode(importer).then((module) => {
        loaded = module;
        return module;
      }),
    get loaded() {
      return loaded;
    },
  };
}

/**
 * One screen of `code`, like React's lazy() but without its suspension when the code is already
 * there: lazy() suspends at its first render even for a module loaded long before, and React then
 * holds the page back for its reveal throttle (about 300 ms). A screen whose code was preloaded
 * renders at once instead. Once a screen took the lazy path it keeps it (switching would remount).
 */
export function lazyPage<Module, Props extends object>(
  code: PageCode<Module>,
  pick: (module: Module) => ComponentType<Props>,
): ComponentType<Props> {
  const Lazy = lazy(() => code.load().then((module) => ({ default: pick(module) })));
  let tookLazyPath = false;
  return function LazyPage(props: Props) {
    if (code.loaded && !tookLazyPath) return createElement(pick(code.loaded), props);
    tookLazyPath = true;
    return createElement(Lazy, props);
  };
}
