import type { RouteTablePart } from './types.ts';

export const part: RouteTablePart = { entries: {} };
