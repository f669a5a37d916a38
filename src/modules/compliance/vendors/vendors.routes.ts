import type { FastifyInstance } from 'fastify';
import { access, errorResponses, type RouteOptions, typed } from '../../../platform/http/routes.ts';
import { idParams } from '../../../platform/http/schemas.ts';
import {
  createVendorInput,
  listVendorsQuery,
  updateVendorInput,
  vendorList,
  vendorView,
} from './vendors.schema.ts';
import * as service from './vendors.service.ts';

/** The vendor and BAA register (docs/compliance/vendors.md). Vendors are retired, never deleted. */
export async function vendorsRoutes(instance: FastifyInstance, { deps }: RouteOptions): Promise<void> {
  const app = typed(instance);
  const tags = ['compliance'];
  app.get('/compliance/vendors', {
    config: access('compliance:read'),
    schema: {
      operationId: 'vendors.list',
      tags,
      querystring: listVendorsQuery,
      response: { 200: vendorList, ...errorResponses },
    },
    handler: (request) => service.listVendors(deps, request, request.query),
  });
  app.post('/compliance/vendors', {
    config: access('compliance:write'),
    schema: {
      operationId: 'vendors.create',
      tags,
      body: createVendorInput,
      response: { 201: vendorView, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await service.createVendor(deps, request, request.body)),
  });
  app.get('/compliance/vendors/:id', {
    config: access('compliance:read'),
    schema: {
      operationId: 'vendors.get',
      tags,
      params: idParams,
      response: { 200: vendorView, ...errorResponses },
    },
    handler: (request) => service.getVendor(deps, request, request.params.id),
  });
  app.patch('/compliance/vendors/:id', {
    config: access('compliance:write'),
    schema: {
      operationId: 'vendors.update',
      tags,
      params: idParams,
      body: updateVendorInput,
      response: { 200: vendorView, ...errorResponses },
    },
    handler: (request) => service.updateVendor(deps, request, request.params.id, request.body),
  });
}
