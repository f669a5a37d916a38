import { createTheme, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { isApiError } from './api/api-error.ts';
import { onAuthFailure } from './api/auth-events.ts';
import { setCsrfToken } from './api/csrf-token.ts';
import {
  mfaPath,
  publicPaths,
  safeNextPath,
  signedOutPaths,
  signInPath,
} from './features/identity/next-path.ts';
import { router } from './routes/router.tsx';

const theme = createTheme({ primaryColor: 'blue', defaultRadius: 'sm' });

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // Client errors (401, 404, 409 ...) will not heal by retrying.
      retry: (failureCount, error) =>
        failureCount < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

/** The page the user wanted: on a public page that is its own `next`, else the page itself. */
function wantedPath(): string {
  const { pathname, search } = window.location;
  if (publicPaths.includes(pathname)) return safeNextPath(new URLSearchParams(search).get('next'));
  return pathname + search;
}

// A 401 anywhere means the session ended (idle, expired, revoked): sign in again and come back here.
onAuthFailure((failure) => {
  const { pathname } = window.location;
  if (failure === 'sign-in') {
    // The cache is dropped at the next sign-in (useStartSession), not here under the mounted pages.
    setCsrfToken(null);
    if (!signedOutPaths.includes(pathname)) {
      void router.navigate(signInPath(wantedPath()), { replace: true });
    }
  } else if (pathname !== '/mfa') {
    void router.navigate(mfaPath(wantedPath()), { replace: true });
  }
});

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
