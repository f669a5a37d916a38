import { createBrowserRouter } from 'react-router';
import { upcomingModules } from '../features/roadmap/upcoming-modules.ts';
import { AccessPage } from './access-page.tsx';
import { AuditPage } from './audit-page.tsx';
import { MagicLinkPage } from './magic-link-page.tsx';
import { MfaPage } from './mfa-page.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { OverviewPage } from './overview-page.tsx';
import { PeopleImportPage } from './people-import-page.tsx';
import { PeoplePage } from './people-page.tsx';
import { PersonDetailPage } from './person-detail-page.tsx';
import { PersonEditPage } from './person-edit-page.tsx';
import { PersonNewPage } from './person-new-page.tsx';
import { PracticeDetailPage } from './practice-detail-page.tsx';
import { PracticeEditPage } from './practice-edit-page.tsx';
import { PracticeNewPage } from './practice-new-page.tsx';
import { PracticesPage } from './practices-page.tsx';
import { ProfilePage } from './profile-page.tsx';
import { ResetPasswordPage } from './reset-password-page.tsx';
import { RootRoute } from './root-route.tsx';
import { RouteError } from './route-error.tsx';
import { SettingsPage } from './settings-page.tsx';
import { SetupLinkPage } from './setup-link-page.tsx';
import { SetupPage } from './setup-page.tsx';
import { SignInPage } from './sign-in-page.tsx';
import { UpcomingPage } from './upcoming-page.tsx';

export const router = createBrowserRouter([
  // Reached before a finished sign-in.
  { path: '/setup', element: <SetupPage />, errorElement: <RouteError /> },
  { path: '/sign-in', element: <SignInPage />, errorElement: <RouteError /> },
  { path: '/setup-link', element: <SetupLinkPage />, errorElement: <RouteError /> },
  { path: '/reset-password', element: <ResetPasswordPage />, errorElement: <RouteError /> },
  { path: '/magic-link', element: <MagicLinkPage />, errorElement: <RouteError /> },
  { path: '/mfa', element: <MfaPage />, errorElement: <RouteError /> },
  {
    path: '/',
    element: <RootRoute />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <OverviewPage /> },
      { path: 'practices', element: <PracticesPage /> },
      { path: 'practices/new', element: <PracticeNewPage /> },
      { path: 'practices/:practiceId', element: <PracticeDetailPage /> },
      { path: 'practices/:practiceId/edit', element: <PracticeEditPage /> },
      { path: 'people', element: <PeoplePage /> },
      { path: 'people/new', element: <PersonNewPage /> },
      { path: 'people/import', element: <PeopleImportPage /> },
      { path: 'people/:personId', element: <PersonDetailPage /> },
      { path: 'people/:personId/edit', element: <PersonEditPage /> },
      { path: 'access', element: <AccessPage /> },
      { path: 'audit', element: <AuditPage /> },
      { path: 'settings', element: <SettingsPage /> },
      { path: 'profile', element: <ProfilePage /> },
      ...upcomingModules.map((module) => ({ path: module.slug, element: <UpcomingPage module={module} /> })),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
