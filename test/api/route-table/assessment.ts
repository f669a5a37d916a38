import type { RouteTablePart } from './types.ts';

const answerUrl = (scope: string) => `/api/v1/compliance/answers/${scope}/RA-01`;

export const part: RouteTablePart = {
  async setup({ app, admin, ids }) {
    for (const scope of [`dso/${ids.dso}`, `region/${ids.region}`, `practice/${ids.practice}`]) {
      const response = await app.inject({
        method: 'PUT',
        url: answerUrl(scope),
        headers: admin,
        payload: { optionId: 'partial', note: 'Victim answer' },
      });
      if (response.statusCode !== 200) throw new Error(`setup answer ${scope}: ${response.body}`);
    }
    return {};
  },
  entries: {
    'GET /api/v1/compliance/questionnaire': {
      kind: 'list',
      url: '/api/v1/compliance/questionnaire',
      hidden: () => 'Victim answer',
    },
    'GET /api/v1/compliance/answers': {
      kind: 'resource',
      url: (ids) => `/api/v1/compliance/answers?scopeType=practice&scopeId=${ids.practice}`,
    },
    'PUT /api/v1/compliance/answers/:scopeType/:scopeId/:questionId': {
      kind: 'resource',
      url: (ids) => answerUrl(`practice/${ids.practice}`),
      payload: { optionId: 'yes' },
    },
    'DELETE /api/v1/compliance/answers/:scopeType/:scopeId/:questionId': {
      kind: 'custom',
      why: "clearing the victim's DSO, region or practice answer is refused as not found",
      async check({ app, as, ids }) {
        for (const scope of [`dso/${ids.dso}`, `region/${ids.region}`, `practice/${ids.practice}`]) {
          const response = await app.inject({ method: 'DELETE', url: answerUrl(scope), headers: as });
          if (response.statusCode !== 404 || response.json().error.code !== 'NOT_FOUND') {
            throw new Error(`DELETE ${scope} answered ${response.statusCode}: ${response.body}`);
          }
        }
      },
    },
    'POST /api/v1/compliance/answers/apply': {
      kind: 'create',
      url: '/api/v1/compliance/answers/apply',
      payload: (ids) => ({ questionId: 'PS-01', optionId: 'yes', practiceIds: [ids.practice] }),
    },
    'GET /api/v1/compliance/assessment': {
      kind: 'custom',
      why: "reading the victim's DSO, region or practice assessment is refused as not found",
      async check({ app, as, ids }) {
        for (const [type, id] of [
          ['dso', ids.dso],
          ['region', ids.region],
          ['practice', ids.practice],
        ]) {
          const response = await app.inject({
            url: `/api/v1/compliance/assessment?scopeType=${type}&scopeId=${id}`,
            headers: as,
          });
          if (response.statusCode !== 404 || response.json().error.code !== 'NOT_FOUND') {
            throw new Error(`assessment ${type} answered ${response.statusCode}: ${response.body}`);
          }
        }
      },
    },
    'GET /api/v1/compliance/practices/:id/assessment': {
      kind: 'resource',
      url: (ids) => `/api/v1/compliance/practices/${ids.practice}/assessment`,
    },
    'GET /api/v1/compliance/progress': {
      kind: 'list',
      url: '/api/v1/compliance/progress',
      hidden: (ids) => ids.practice,
    },
    'GET /api/v1/compliance/heatmap': {
      kind: 'list',
      url: (ids) => `/api/v1/compliance/heatmap?regionId=${ids.region}`,
      hidden: (ids) => ids.practice,
    },
  },
};
