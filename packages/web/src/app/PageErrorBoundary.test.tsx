import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { lazy, Suspense } from 'react';
import { Link, MemoryRouter, Route, Routes } from 'react-router';
import { PageHeading } from '../ui/PageHeading';
import { loadPageCode } from './pageCode';
import { PAGE_FAILED_WORDS, PageErrorBoundary } from './PageErrorBoundary';

// What a browser says when a script file of an earlier deploy is gone (404).
const ChunkGone = lazy(() =>
  loadPageCode<{ default: () => null }>(() =>
    Promise.reject(new TypeError('Failed to fetch dynamically imported module: /assets/pages-Old.js')),
  ),
);

function Broken(): never {
  throw new Error('a bug while rendering');
}

function Home() {
  return <PageHeading title="Home">Welcome</PageHeading>;
}

/** A page inside a frame whose link stays usable, as the shell's menu does. */
function renderPage(path: string, onReload = jest.fn()) {
  render(
    <MemoryRouter initialEntries={[path]}>
      <nav>
        <Link to="/">Home</Link>
      </nav>
      <PageErrorBoundary onReload={onReload}>
        <Suspense fallback={<p>Loading…</p>}>
          <Routes>
            <Route path="/" element={<Home />} />
            <Route path="/settings" element={<ChunkGone />} />
            <Route path="/broken" element={<Broken />} />
          </Routes>
        </Suspense>
      </PageErrorBoundary>
    </MemoryRouter>,
  );
  return { onReload, user: userEvent.setup() };
}

describe('a page that cannot be shown', () => {
  // React reports every caught error on the console; here they are the point of the test.
  beforeEach(() => jest.spyOn(console, 'error').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('offers Reload, with the support line, when its script file cannot be loaded', async () => {
    const { onReload, user } = renderPage('/settings');

    const heading = await screen.findByRole('heading', { level: 1, name: PAGE_FAILED_WORDS.notLoaded.heading });
    expect(heading).toHaveFocus();
    expect(screen.getByText(PAGE_FAILED_WORDS.notLoaded.text)).toBeInTheDocument();
    expect(screen.getByText('If this keeps happening, please contact our technical support.')).toBeInTheDocument();
    expect(document.title).toBe('This page could not be loaded · HostKey');

    await user.click(screen.getByRole('button', { name: 'Reload' }));
    expect(onReload).toHaveBeenCalledTimes(1);
  });

  it('says something went wrong when the page breaks while rendering', async () => {
    renderPage('/broken');

    expect(await screen.findByRole('heading', { level: 1, name: PAGE_FAILED_WORDS.broken.heading })).toHaveFocus();
    expect(screen.getByText(PAGE_FAILED_WORDS.broken.text)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Reload' })).toBeInTheDocument();
  });

  it('goes away when the user goes to another page', async () => {
    const { user } = renderPage('/broken');
    await screen.findByRole('heading', { level: 1, name: PAGE_FAILED_WORDS.broken.heading });

    await user.click(screen.getByRole('link', { name: 'Home' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Reload' })).not.toBeInTheDocument();
  });
});
