import type { AuditFilter, PeopleListParams, PracticeListParams } from './types.ts';

export const queryKeys = {
  setupStatus: ['setup'] as const,
  me: ['me'] as const,
  dso: ['dso'] as const,
  sessions: ['sessions'] as const,
  users: ['users'] as const,
  tokens: ['tokens'] as const,
  ssoSignInOptions: ['sso', 'sign-in-options'] as const,
  ssoProviders: ['sso', 'providers'] as const,
  auditEvents: (filter: AuditFilter) => ['audit-events', filter] as const,
  regions: ['regions'] as const,
  practices: ['practices'] as const,
  practiceList: (params: PracticeListParams) => ['practices', 'list', params] as const,
  practiceOptions: ['practices', 'options'] as const,
  practice: (id: string) => ['practices', 'one', id] as const,
  people: ['people'] as const,
  peopleList: (params: PeopleListParams) => ['people', 'list', params] as const,
  person: (id: string) => ['people', 'one', id] as const,
  overview: ['overview'] as const,
};
