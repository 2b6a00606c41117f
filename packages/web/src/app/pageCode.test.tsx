import { act, render, screen } from '@testing-library/react';
import { Suspense, type ComponentType } from 'react';
import { lazyPage, pageCode } from './pageCode';

function Greeting({ name }: { name: string }) {
  return <p>Hello {name}</p>;
}

/** A module whose download the test finishes when it likes. */
function deferredModule() {
  let arrive: () => void = () => undefined;
  const importer = jest.fn(() => new Promise<{ Greeting: typeof Greeting }>((resolve) => (arrive = () => resolve({ Greeting }))));
  return { importer, arrive: () => act(async () => arrive()) };
}

const renderInSuspense = (Page: ComponentType<{ name: string }>) =>
  render(
    <Suspense fallback={<p>Loading…</p>}>
      <Page name="Ada" />
    </Suspense>,
  );

describe('lazyPage', () => {
  it('renders a screen whose code was preloaded at once, without the Suspense fallback', async () => {
    const module = deferredModule();
    const code = pageCode(module.importer);
    const Page = lazyPage(code, (m) => m.Greeting);
    const preloaded = code.load();
    await module.arrive();
    await preloaded;

    renderInSuspense(Page);
    // In the very first commit: nothing suspended, nothing to wait for.
    expect(screen.getByText('Hello Ada')).toBeInTheDocument();
    expect(screen.queryByText('Loading…')).not.toBeInTheDocument();
    expect(module.importer).toHaveBeenCalledTimes(1);
  });

  it('suspends like lazy() while the code is on its way, then keeps that path', async () => {
    const module = deferredModule();
    const code = pageCode(module.importer);
    const Page = lazyPage(code, (m) => m.Greeting);

    const { rerender } = renderInSuspense(Page);
    expect(screen.getByText('Loading…')).toBeInTheDocument();
    await module.arrive();
    expect(await screen.findByText('Hello Ada')).toBeInTheDocument();

    // The same element again: the lazy path stays, so the screen is not mounted a second time.
    const shown = screen.getByText('Hello Ada');
    rerender(
      <Suspense fallback={<p>Loading…</p>}>
        <Page name="Ada" />
      </Suspense>,
    );
    expect(screen.getByText('Hello Ada')).toBe(shown);
  });
});
