import { createBrowserRouter } from 'react-router';
import { upcomingModules } from '../features/roadmap/upcoming-modules.ts';
import { AccessPage } from './access-page.tsx';
import { AcknowledgePage } from './acknowledge-page.tsx';
import { AttestationsPage } from './attestations-page.tsx';
import { AuditPage } from './audit-page.tsx';
import { ComplianceAssessmentPage } from './compliance-assessment-page.tsx';
import { CompliancePage } from './compliance-page.tsx';
import { ComplianceReportsPage } from './compliance-reports-page.tsx';
import { ControlDetailPage } from './control-detail-page.tsx';
import { ControlsPage } from './controls-page.tsx';
import { InsurancePage } from './insurance-page.tsx';
import { LandingPagesPage } from './landing-pages-page.tsx';
import { MagicLinkPage } from './magic-link-page.tsx';
import { MfaPage } from './mfa-page.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { OverviewPage } from './overview-page.tsx';
import { PeopleImportPage } from './people-import-page.tsx';
import { PeoplePage } from './people-page.tsx';
import { PersonDetailPage } from './person-detail-page.tsx';
import { PersonEditPage } from './person-edit-page.tsx';
import { PersonNewPage } from './person-new-page.tsx';
import { PhishingCampaignNewPage } from './phishing-campaign-new-page.tsx';
import { PhishingCampaignPage } from './phishing-campaign-page.tsx';
import { PhishingPage } from './phishing-page.tsx';
import { PhishingSettingsPage } from './phishing-settings-page.tsx';
import { PhishingTemplatePage } from './phishing-template-page.tsx';
import { PhishingTemplatesPage } from './phishing-templates-page.tsx';
import { PoliciesPage } from './policies-page.tsx';
import { PolicyDetailPage } from './policy-detail-page.tsx';
import { PracticeDetailPage } from './practice-detail-page.tsx';
import { PracticeEditPage } from './practice-edit-page.tsx';
import { PracticeNewPage } from './practice-new-page.tsx';
import { PracticesPage } from './practices-page.tsx';
import { ProfilePage } from './profile-page.tsx';
import { RemediationPage } from './remediation-page.tsx';
import { ReportedEmailsPage } from './reported-emails-page.tsx';
import { ResetPasswordPage } from './reset-password-page.tsx';
import { RisksPage } from './risks-page.tsx';
import { RootRoute } from './root-route.tsx';
import { RouteError } from './route-error.tsx';
import { SendingProfilesPage } from './sending-profiles-page.tsx';
import { SettingsPage } from './settings-page.tsx';
import { SetupLinkPage } from './setup-link-page.tsx';
import { SetupPage } from './setup-page.tsx';
import { SignInPage } from './sign-in-page.tsx';
import { SignalsPage } from './signals-page.tsx';
import { UpcomingPage } from './upcoming-page.tsx';
import { VendorsPage } from './vendors-page.tsx';

export const router = createBrowserRouter([
  // Reached before a finished sign-in.
  { path: '/setup', element: <SetupPage />, errorElement: <RouteError /> },
  { path: '/sign-in', element: <SignInPage />, errorElement: <RouteError /> },
  { path: '/setup-link', element: <SetupLinkPage />, errorElement: <RouteError /> },
  { path: '/reset-password', element: <ResetPasswordPage />, errorElement: <RouteError /> },
  { path: '/magic-link', element: <MagicLinkPage />, errorElement: <RouteError /> },
  { path: '/mfa', element: <MfaPage />, errorElement: <RouteError /> },
  // A staff member acknowledges policies from an emailed link, without an Enamel account.
  { path: '/acknowledge', element: <AcknowledgePage />, errorElement: <RouteError /> },
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
      { path: 'compliance', element: <CompliancePage /> },
      { path: 'compliance/assessment', element: <ComplianceAssessmentPage /> },
      { path: 'compliance/risks', element: <RisksPage /> },
      { path: 'compliance/remediation', element: <RemediationPage /> },
      { path: 'compliance/controls', element: <ControlsPage /> },
      { path: 'compliance/controls/:controlId', element: <ControlDetailPage /> },
      { path: 'compliance/signals', element: <SignalsPage /> },
      { path: 'compliance/policies', element: <PoliciesPage /> },
      { path: 'compliance/policies/:policyId', element: <PolicyDetailPage /> },
      { path: 'compliance/attestations', element: <AttestationsPage /> },
      { path: 'compliance/vendors', element: <VendorsPage /> },
      { path: 'compliance/insurance', element: <InsurancePage /> },
      { path: 'compliance/reports', element: <ComplianceReportsPage /> },
      { path: 'phishing', element: <PhishingPage /> },
      { path: 'phishing/campaigns/new', element: <PhishingCampaignNewPage /> },
      { path: 'phishing/campaigns/:campaignId', element: <PhishingCampaignPage /> },
      { path: 'phishing/templates', element: <PhishingTemplatesPage /> },
      { path: 'phishing/templates/:templateId', element: <PhishingTemplatePage /> },
      { path: 'phishing/landing-pages', element: <LandingPagesPage /> },
      { path: 'phishing/sending-profiles', element: <SendingProfilesPage /> },
      { path: 'phishing/reported', element: <ReportedEmailsPage /> },
      { path: 'phishing/settings', element: <PhishingSettingsPage /> },
      { path: 'settings', element: <SettingsPage /> },
      { path: 'profile', element: <ProfilePage /> },
      ...upcomingModules.map((module) => ({ path: module.slug, element: <UpcomingPage module={module} /> })),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
