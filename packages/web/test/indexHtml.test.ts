/** @jest-environment node */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { Brand } from '../src/ui/Brand';

const WEB_DIR = path.resolve(__dirname, '..');
const indexHtml = readFileSync(path.join(WEB_DIR, 'index.html'), 'utf8');
const root = /<div id="root">([\s\S]*?)\n {4}<\/div>/.exec(indexHtml)?.[1] ?? '';

/**
 * What the browser shows before the script runs: the panel's frame, styled, with its mark, all
 * within the panel's Content-Security-Policy (scripts and styles from its own origin only).
 */
describe('index.html', () => {
  it('shows the header with the product name and a loading line before the script runs', () => {
    expect(root).toContain('class="boot__header"');
    expect(root).toContain('Loading…');
    // The same mark and name as the panel's own header, so nothing changes when React takes over.
    // (Server rendering adds a preload hint for the image: not part of the markup compared.)
    const brand = renderToStaticMarkup(createElement(Brand))
      .replace(/<link rel="preload"[^>]*\/>/, '')
      .replace('/>', ' />');
    expect(root).toContain(`<span class="brand">${brand}</span>`);
  });

  it('styles it with stylesheets of its own origin, never inline styles or scripts', () => {
    expect(indexHtml).not.toMatch(/<style/i);
    expect(indexHtml).not.toMatch(/\sstyle=/i);
    const scripts = [...indexHtml.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    expect(scripts[0]![1]).toContain('src="/src/main.tsx"');
    expect(scripts[0]![2]!.trim()).toBe('');

    const stylesheets = [...indexHtml.matchAll(/<link rel="stylesheet" href="\/([^"]+)" \/>/g)].map((match) => match[1]!);
    expect(stylesheets).toEqual(['src/app/theme.css', 'src/app/boot.css']);
    for (const file of stylesheets) expect(existsSync(path.join(WEB_DIR, file))).toBe(true);
  });

  it('has an SVG favicon, the mark of the header', () => {
    expect(indexHtml).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml" />');
    const svg = readFileSync(path.join(WEB_DIR, 'public/favicon.svg'), 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 32 32">/);
  });
});
