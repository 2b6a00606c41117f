import type { ApolloClient } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { BrowserRouter } from 'react-router';
import { BootFrame } from '../ui/BootFrame';
import { AppRoutes } from './AppRoutes';
import { PageErrorBoundary } from './PageErrorBoundary';

export function App({ client }: { client: ApolloClient }) {
  return (
    <ApolloProvider client={client}>
      <BrowserRouter>
        {/* The last resort: the shell and the sign-in page catch their own pages' failures. */}
        <PageErrorBoundary frame={(message) => <BootFrame>{message}</BootFrame>}>
          <AppRoutes />
        </PageErrorBoundary>
      </BrowserRouter>
    </ApolloProvider>
  );
}
