import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { preloadPageCode } from './app/AppRoutes';
import { createApolloClient } from './app/apolloClient';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

preloadPageCode(window.location.pathname);

// A transition lets React render the first page in slices, yielding to the browser between them.
startTransition(() => {
  createRoot(container).render(
    <StrictMode>
      <App client={createApolloClient()} />
    </StrictMode>,
  );
});
