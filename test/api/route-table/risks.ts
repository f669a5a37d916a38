import { csrfHeader } from '../../../src/platform/http/access.ts';
import type { Headers, RouteTablePart } from './types.ts';

const acceptance = {
  reason: 'Compensating controls are in place until the replacement.',
  expiresOn: '2027-01-01',
};

async function json(response: { statusCode: number; body: string; json(): unknown }, what: string) {
  if (response.statusCode >= 300)
    throw new Error(`${what} answered ${response.statusCode}: ${response.body}`);
  return response.json() as Record<string, unknown>;
}

export const part: RouteTablePart = {
  async setup({ app, admin, ids }) {
    const post = (url: string, payload?: object) =>
      app.inject({ method: 'POST', url, headers: admin, ...(payload ? { payload } : {}) });
    // The victim's answers (assessment setup) propose a DSO-wide risk.
    await json(await post('/api/v1/compliance/risks/propose'), 'propose');
    const risk = await json(
      await post('/api/v1/compliance/risks', {
        title: 'Victim risk',
        threat: 'Ransomware',
        vulnerability: 'Unpatched imaging PC',
        assetGroup: 'Imaging workstations',
        likelihood: 'high',
        impact: 'high',
        practiceId: ids.practice,
      }),
      'create risk',
    );
    const task = await json(
      await post('/api/v1/compliance/tasks', {
        title: 'Victim task',
        dueDate: '2026-12-01',
        practiceId: ids.practice,
        riskIds: [risk.id],
      }),
      'create task',
    );
    return {
      risk: String(risk.id),
      task: String(task.id),
      victimCookie: admin.cookie ?? '',
      victimCsrf: admin[csrfHeader] ?? '',
    };
  },
  entries: {
    'GET /api/v1/compliance/risks': {
      kind: 'list',
      url: '/api/v1/compliance/risks?limit=200',
      hidden: (ids) => ids.extra.risk ?? 'missing',
    },
    'POST /api/v1/compliance/risks': {
      kind: 'create',
      url: '/api/v1/compliance/risks',
      payload: (ids) => ({
        title: 'Mine',
        threat: 'Ransomware',
        vulnerability: 'None',
        assetGroup: 'Backups',
        likelihood: 'low',
        impact: 'low',
        practiceId: ids.practice,
      }),
    },
    'GET /api/v1/compliance/risks/matrix': {
      kind: 'custom',
      why: "the matrix counts only the caller's own DSO's risks",
      async check({ app, as, ids }) {
        const matrix = await json(
          await app.inject({ url: '/api/v1/compliance/risks/matrix', headers: as }),
          'matrix',
        );
        const list = await app.inject({ url: '/api/v1/compliance/risks?limit=200', headers: as });
        const items = (await json(list, 'list')).items as { id: string; status: string }[];
        if (items.some((r) => r.id === ids.extra.risk)) throw new Error('victim risk listed');
        const open = items.filter((r) => r.status !== 'closed').length;
        if (matrix.total !== open)
          throw new Error(`matrix counts ${String(matrix.total)}, own risks ${open}`);
      },
    },
    'POST /api/v1/compliance/risks/propose': {
      kind: 'custom',
      why: "proposes from the caller's own answers only and never touches the victim's register",
      async check({ app, as, ids }) {
        await json(
          await app.inject({ method: 'POST', url: '/api/v1/compliance/risks/propose', headers: as }),
          'propose',
        );
        const victim: Headers = {
          cookie: ids.extra.victimCookie ?? '',
          [csrfHeader]: ids.extra.victimCsrf ?? '',
        };
        const theirs = await app.inject({
          url: '/api/v1/compliance/risks?source=questionnaire',
          headers: victim,
        });
        const risks = (await json(theirs, 'victim list')).items as { closeSuggested: boolean }[];
        if (risks.length === 0 || risks.some((r) => r.closeSuggested)) {
          throw new Error(`victim register changed: ${theirs.body}`);
        }
        const own = await app.inject({ url: '/api/v1/compliance/risks?limit=200', headers: as });
        if (own.body.includes(ids.extra.risk ?? 'missing')) throw new Error('victim risk listed');
      },
    },
    'GET /api/v1/compliance/risks/:id': {
      kind: 'resource',
      url: (ids) => `/api/v1/compliance/risks/${ids.extra.risk}`,
    },
    'PATCH /api/v1/compliance/risks/:id': {
      kind: 'resource',
      url: (ids) => `/api/v1/compliance/risks/${ids.extra.risk}`,
      payload: { title: 'Taken' },
    },
    'POST /api/v1/compliance/risks/:id/accept': {
      kind: 'resource',
      url: (ids) => `/api/v1/compliance/risks/${ids.extra.risk}/accept`,
      payload: acceptance,
    },
    'GET /api/v1/compliance/risk-owners': {
      kind: 'list',
      url: '/api/v1/compliance/risk-owners',
      hidden: (ids) => ids.user,
    },
    'GET /api/v1/compliance/tasks': {
      kind: 'list',
      url: '/api/v1/compliance/tasks?limit=200',
      hidden: (ids) => ids.extra.task ?? 'missing',
    },
    'POST /api/v1/compliance/tasks': {
      kind: 'create',
      url: '/api/v1/compliance/tasks',
      payload: (ids) => ({ title: 'Mine', dueDate: '2026-12-01', riskIds: [ids.extra.risk] }),
    },
    'GET /api/v1/compliance/tasks/:id': {
      kind: 'resource',
      url: (ids) => `/api/v1/compliance/tasks/${ids.extra.task}`,
    },
    'PATCH /api/v1/compliance/tasks/:id': {
      kind: 'resource',
      url: (ids) => `/api/v1/compliance/tasks/${ids.extra.task}`,
      payload: { status: 'done' },
    },
  },
};
