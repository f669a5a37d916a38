import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './pagination.ts';

describe('cursors', () => {
  it('round-trips', () => {
    const cursor = { sort: '-name', value: 'lakeside', id: '0190' };
    expect(decodeCursor(encodeCursor(cursor), '-name')).toEqual(cursor);
    expect(decodeCursor(undefined, 'name')).toBeUndefined();
  });
  it.each(['!!!', Buffer.from('{"a":1}').toString('base64url'), Buffer.from('[1,2]').toString('base64url')])(
    'rejects malformed %s with CURSOR_INVALID',
    (raw) => expect(() => decodeCursor(raw, 'name')).toThrow(/cursor is malformed/),
  );
  it('rejects a cursor of another sort', () => {
    expect(() => decodeCursor(encodeCursor({ sort: 'state', value: 'TX', id: 'x' }), 'name')).toThrow(
      /belongs to sort "state"/,
    );
  });
});
