import type { Page } from 'playwright-core';

/** What the keyboard focus is on: enough to tell controls apart. */
export interface Focused {
  tag: string;
  /** The visible text of a button or link, or the label of a field. */
  name: string;
  /** The outline drawn around it (the focus ring must be visible). */
  outline: string;
}

const MAX_TABS = 60;

export function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return { tag: 'BODY', name: '', outline: '' };
    const field = element as HTMLInputElement;
    const name = (field.labels?.[0]?.textContent ?? element.textContent ?? '').trim();
    const style = getComputedStyle(element);
    return { tag: element.tagName, name, outline: `${style.outlineStyle} ${style.outlineWidth}` };
  });
}

/** Presses Tab (only Tab) until the focus reaches the element `wanted` describes. */
export async function tabTo(page: Page, wanted: (element: Focused) => boolean, what: string): Promise<Focused> {
  const seen: string[] = [];
  for (let presses = 0; presses < MAX_TABS; presses++) {
    await page.keyboard.press('Tab');
    const element = await focused(page);
    if (wanted(element)) return element;
    seen.push(`${element.tag} "${element.name.slice(0, 30)}"`);
  }
  throw new Error(`Tab never reached ${what}; focus went through: ${seen.join(', ')}`);
}
