import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { preloadPageCode } from './app/AppRoutes';
import { createApolloClient } from './app/apolloClient';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

/** Runs `step` in a task of its own: the browser may paint and answer input between the steps. */
const nextTask = (step: () => void) => setTimeout(step, 0);

// Evaluating the script is one long task already; each start-up step gets its own after it.
nextTask(() => {
  preloadPageCode(window.location.pathname);
  nextTask(() => {
    const client = createApolloClient();
    nextTask(() => {
      // A transition lets React render the first page in slices, yielding to the browser between them.
      startTransition(() => {
        createRoot(container).render(
          <StrictMode>
            <App client={client} />
          </StrictMode>,
        );
      });
    });
  });
});
