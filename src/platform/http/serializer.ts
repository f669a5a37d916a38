import { isDeepStrictEqual } from 'node:util';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';

type RouteSchema = Parameters<typeof zodSerializerCompiler>[0];

/**
 * Production: responses are serialized as the handlers built them. The zod response schemas still describe the
 * API (OpenAPI document), and the test suite checks every response against them, so handlers must return exactly
 * the declared shape (presenters build it). Checking it again on every request costs more than the query.
 */
export const plainSerializerCompiler = (_route: RouteSchema) => (data: unknown) => JSON.stringify(data);

/**
 * Tests: zod's check (a response that breaks its schema fails), and a failure when the plain serializer would
 * answer anything else than zod's encoding: a field the schema does not declare, or one the schema transforms.
 */
export const checkingSerializerCompiler = (route: RouteSchema) => {
  const checked = zodSerializerCompiler(route);
  return (data: unknown) => {
    const expected = checked(data);
    const plain = JSON.stringify(data);
    if (plain !== expected && !isDeepStrictEqual(JSON.parse(plain), JSON.parse(expected))) {
      throw new Error(
        `Response of ${route.method} ${route.url} differs from its schema's encoding (undeclared or transformed fields): ${plain.slice(0, 300)}`,
      );
    }
    return plain;
  };
};

/** Checking under the test runner, plain otherwise. */
export const responseSerializerCompiler = process.env.VITEST
  ? checkingSerializerCompiler
  : plainSerializerCompiler;
