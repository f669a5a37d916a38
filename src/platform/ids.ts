import { v7 as uuidv7, validate, version } from 'uuid';

/** A new time-ordered UUIDv7 (RFC 9562), so ids sort by creation time. */
export function newId(): string {
  return uuidv7();
}

export function isUuid(value: string): boolean {
  return validate(value) && version(value) >= 1;
}
