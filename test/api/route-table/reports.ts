import { newId } from '../../../src/platform/ids.ts';
import type { RouteTablePart } from './types.ts';

export const part: RouteTablePart = {
  async setup({ app, handle, admin, ids }) {
    const now = new Date().toISOString();
    await handle.db
      .insertInto('vendors')
      .values({
        id: newId(),
        dsoId: ids.dso,
        name: 'Victim Imaging Vendor',
        category: 'imaging',
        services: null,
        website: null,
        contactName: null,
        contactEmail: null,
        practiceIds: null,
        ephiAccess: 'full',
        baaStatus: 'needed',
        baaSignedDate: null,
        baaRenewalDate: null,
        subprocessors: '[]',
        lastSecurityReviewDate: null,
        safeguardsVerifiedDate: null,
        notes: null,
        retiredAt: null,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    const signed = await app.inject({
      method: 'POST',
      url: '/api/v1/compliance/report/sign-off',
      headers: admin,
      payload: { signerTitle: 'Security Official', statement: 'Victim statement signed.' },
    });
    if (signed.statusCode !== 201) throw new Error(`setup sign-off: ${signed.body}`);
    return { signOff: signed.json().id };
  },
  entries: {
    'GET /api/v1/compliance/insurance': {
      kind: 'list',
      url: '/api/v1/compliance/insurance',
      hidden: () => 'Victim Imaging Vendor',
    },
    'GET /api/v1/compliance/report': {
      kind: 'list',
      url: '/api/v1/compliance/report?format=csv',
      hidden: () => 'Victim Dental',
    },
    'POST /api/v1/compliance/report/sign-off': {
      kind: 'createsOwn',
      url: '/api/v1/compliance/report/sign-off',
      payload: { signerTitle: 'Security Official', statement: 'Attacker signs their own DSO.' },
      list: '/api/v1/compliance/report/sign-offs',
    },
    'GET /api/v1/compliance/report/sign-offs': {
      kind: 'list',
      url: '/api/v1/compliance/report/sign-offs',
      hidden: (ids) => ids.extra.signOff ?? 'missing sign-off id',
    },
  },
};
