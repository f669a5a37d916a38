/** A database column that holds SecretBox ciphertexts, so key rotation can find and re-encrypt them. */
export interface EncryptedColumn {
  readonly table: string;
  readonly idColumn: string;
  readonly column: string;
  /** The additional authenticated data a value is bound to; the same at write time and at rotation. */
  aad(row: { readonly id: string | number }): string;
}

export interface EncryptedColumnInput {
  readonly table: string;
  /** Defaults to `id`. */
  readonly idColumn?: string;
  readonly column: string;
  /** Defaults to `table.column:id`. */
  readonly aad?: (row: { readonly id: string | number }) => string;
}

const identifier = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const columns = new Map<string, EncryptedColumn>();

/**
 * Declares an encrypted column (once, at module load). Answers the column, whose `aad(row)` is what the
 * module passes to `encrypt` and `decrypt`. Registering the same column twice answers the first declaration.
 */
export function registerEncryptedColumn(input: EncryptedColumnInput): EncryptedColumn {
  const idColumn = input.idColumn ?? 'id';
  for (const name of [input.table, idColumn, input.column]) {
    // Names go into SQL as quoted identifiers; refuse anything that is not a plain one.
    if (!identifier.test(name)) throw new Error(`"${name}" is not a valid table or column name.`);
  }
  const name = `${input.table}.${input.column}`;
  const existing = columns.get(name);
  if (existing) {
    if (existing.idColumn !== idColumn)
      throw new Error(`${name} is already registered with id column ${existing.idColumn}.`);
    return existing;
  }
  const column: EncryptedColumn = {
    table: input.table,
    idColumn,
    column: input.column,
    aad: input.aad ?? ((row) => `${name}:${row.id}`),
  };
  columns.set(name, column);
  return column;
}

/** Every registered encrypted column, in registration order. */
export function encryptedColumns(): readonly EncryptedColumn[] {
  return [...columns.values()];
}

/** Removes a registration (tests that create and drop their own tables). */
export function unregisterEncryptedColumn(table: string, column: string): void {
  columns.delete(`${table}.${column}`);
}
