import { CsvError, parse } from 'csv-parse/sync';
import type { ErrorIssue } from '../../platform/errors.ts';
import { dateSchema } from '../../platform/http/schemas.ts';
import { nameKey } from '../org/index.ts';
import { emailSchema, type JobRole, jobRoles, tagSchema } from './people.schema.ts';

/** The most data rows one import accepts. */
export const maxImportRows = 50_000;

/** Canonical columns; headers match case-insensitively, ignoring spaces, `_` and `-`. */
export const importColumns = [
  'email',
  'firstName',
  'lastName',
  'jobRole',
  'practices',
  'hireDate',
  'terminationDate',
  'tags',
] as const;
export type ImportColumn = (typeof importColumns)[number];
const requiredColumns: readonly ImportColumn[] = ['email', 'firstName', 'lastName', 'jobRole', 'practices'];

/** Words HR systems use for job roles, mapped to Enamel's. */
const jobRoleAliases: Record<string, JobRole> = {
  dds: 'dentist',
  dmd: 'dentist',
  doctor: 'dentist',
  associate_dentist: 'dentist',
  rdh: 'hygienist',
  dental_hygienist: 'hygienist',
  da: 'assistant',
  rda: 'assistant',
  dental_assistant: 'assistant',
  receptionist: 'front_desk',
  front_office: 'front_desk',
  scheduler: 'front_desk',
  patient_coordinator: 'front_desk',
  manager: 'office_manager',
  practice_manager: 'office_manager',
  billing_coordinator: 'billing',
  insurance_coordinator: 'billing',
  it_admin: 'it',
};

export function parseJobRole(raw: string): JobRole | null {
  const key = raw
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  if ((jobRoles as readonly string[]).includes(key)) return key as JobRole;
  return jobRoleAliases[key] ?? null;
}

/** One valid row, with the practices resolved to ids. */
export interface ImportRow {
  readonly line: number;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly jobRole: JobRole;
  readonly practiceIds: readonly string[];
  readonly hireDate: string | null;
  readonly terminationDate: string | null;
  /** undefined when the file has no tags column: existing tags are kept. */
  readonly tags: readonly string[] | undefined;
}

export interface ParsedImport {
  readonly rows: ImportRow[];
  readonly issues: ErrorIssue[];
  readonly dataRows: number;
}

function headerKey(value: string): string {
  return value.toLowerCase().replace(/[\s_-]+/g, '');
}

const columnByKey = new Map<string, ImportColumn>(importColumns.map((column) => [headerKey(column), column]));

function issue(line: number, column: string, code: string, message: string): ErrorIssue {
  return { line, column, code, message };
}

function parseCsv(
  input: string | Buffer,
): { records: { record: string[]; info: { lines: number } }[] } | ErrorIssue {
  try {
    const records = parse(input, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: false,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return { records };
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? 0;
      return issue(line, '', error.code, `The file is not valid CSV: ${error.message}.`);
    }
    throw error;
  }
}

/**
 * Reads and checks a people CSV in collect mode: every problem of every row is reported with its line and
 * column; rows come back only when there is no problem at all.
 * `practiceKeys` maps lower-cased practice names (and ids) to practice ids.
 */
export function parsePeopleCsv(
  input: string | Buffer,
  practiceKeys: ReadonlyMap<string, string>,
): ParsedImport {
  const parsed = parseCsv(input);
  if (!('records' in parsed)) return { rows: [], issues: [parsed], dataRows: 0 };
  const [header, ...records] = parsed.records;
  if (!header)
    return {
      rows: [],
      issues: [issue(1, '', 'empty_file', 'The file is empty: it needs a header row.')],
      dataRows: 0,
    };

  const issues: ErrorIssue[] = [];
  const columns: (ImportColumn | null)[] = header.record.map((name) => {
    const column = columnByKey.get(headerKey(name)) ?? null;
    if (column === null) {
      issues.push(
        issue(1, name, 'unknown_column', `Unknown column "${name}". Expected: ${importColumns.join(', ')}.`),
      );
    }
    return column;
  });
  for (const required of requiredColumns) {
    if (!columns.includes(required)) {
      issues.push(issue(1, required, 'missing_column', `The header has no "${required}" column.`));
    }
  }
  const duplicated = columns.filter((c, i) => c !== null && columns.indexOf(c) !== i);
  for (const column of new Set(duplicated)) {
    issues.push(
      issue(1, column as string, 'duplicate_column', `The column "${column}" appears more than once.`),
    );
  }
  if (records.length > maxImportRows) {
    const line = records[maxImportRows]?.info.lines ?? maxImportRows + 2;
    issues.push(
      issue(
        line,
        '',
        'too_many_rows',
        `The file has ${records.length} data rows; one import takes at most ${maxImportRows}.`,
      ),
    );
  }
  if (issues.length > 0) return { rows: [], issues, dataRows: records.length };

  const names = header.record;
  const rows: ImportRow[] = [];
  const firstLineByEmail = new Map<string, number>();
  for (const { record, info } of records) {
    const row = checkRow(record, info.lines, columns, names, practiceKeys, issues);
    if (!row) continue;
    const first = firstLineByEmail.get(row.email);
    if (first !== undefined) {
      issues.push(
        issue(row.line, 'email', 'duplicate_email', `"${row.email}" already appears on line ${first}.`),
      );
      continue;
    }
    firstLineByEmail.set(row.email, row.line);
    rows.push(row);
  }
  return { rows: issues.length > 0 ? [] : rows, issues, dataRows: records.length };
}

function checkRow(
  record: readonly string[],
  line: number,
  columns: readonly (ImportColumn | null)[],
  names: readonly string[],
  practiceKeys: ReadonlyMap<string, string>,
  issues: ErrorIssue[],
): ImportRow | null {
  const before = issues.length;
  if (record.length !== columns.length) {
    issues.push(
      issue(
        line,
        '',
        'wrong_field_count',
        `Line ${line} has ${record.length} fields; the header has ${columns.length}.`,
      ),
    );
    return null;
  }
  const cell = (column: ImportColumn): { value: string; name: string } | undefined => {
    const index = columns.indexOf(column);
    return index < 0 ? undefined : { value: (record[index] ?? '').trim(), name: names[index] ?? column };
  };
  const required = (column: ImportColumn, max: number): string => {
    const c = cell(column);
    if (!c || c.value === '') {
      issues.push(issue(line, c?.name ?? column, 'required', `${column} is required.`));
      return '';
    }
    if (c.value.length > max)
      issues.push(issue(line, c.name, 'too_long', `${column} is longer than ${max} characters.`));
    return c.value;
  };
  const firstName = required('firstName', 100);
  const lastName = required('lastName', 100);

  const emailCell = cell('email');
  const email = emailSchema.safeParse(emailCell?.value ?? '');
  if (!email.success) {
    const shown = (emailCell?.value ?? '').slice(0, 80);
    issues.push(
      issue(line, emailCell?.name ?? 'email', 'invalid_email', `"${shown}" is not an email address.`),
    );
  }

  const roleCell = cell('jobRole');
  const jobRole = parseJobRole(roleCell?.value ?? '');
  if (jobRole === null) {
    const shown = (roleCell?.value ?? '').slice(0, 50);
    issues.push(
      issue(
        line,
        roleCell?.name ?? 'jobRole',
        'invalid_job_role',
        `"${shown}" is not a job role. Use one of: ${jobRoles.join(', ')}.`,
      ),
    );
  }

  const practiceIds = checkPractices(cell('practices'), line, practiceKeys, issues);
  const hireDate = checkDate(cell('hireDate'), line, issues);
  const terminationDate = checkDate(cell('terminationDate'), line, issues);
  if (hireDate && terminationDate && terminationDate < hireDate) {
    issues.push(
      issue(
        line,
        cell('terminationDate')?.name ?? 'terminationDate',
        'before_hire_date',
        `terminationDate ${terminationDate} is before hireDate ${hireDate}.`,
      ),
    );
  }
  const tags = checkTags(cell('tags'), line, issues);

  if (issues.length > before || !email.success || jobRole === null) return null;
  return {
    line,
    email: email.data,
    firstName,
    lastName,
    jobRole,
    practiceIds,
    hireDate,
    terminationDate,
    tags,
  };
}

function checkPractices(
  c: { value: string; name: string } | undefined,
  line: number,
  practiceKeys: ReadonlyMap<string, string>,
  issues: ErrorIssue[],
): string[] {
  const names = (c?.value ?? '')
    .split(';')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0) {
    issues.push(
      issue(line, c?.name ?? 'practices', 'required', 'practices is required: name at least one practice.'),
    );
    return [];
  }
  const ids: string[] = [];
  for (const name of names) {
    const id = practiceKeys.get(nameKey(name));
    if (id === undefined) {
      issues.push(
        issue(
          line,
          c?.name ?? 'practices',
          'unknown_practice',
          `No practice is named "${name.slice(0, 100)}".`,
        ),
      );
    } else if (!ids.includes(id)) {
      ids.push(id);
    }
  }
  return ids;
}

function checkDate(
  c: { value: string; name: string } | undefined,
  line: number,
  issues: ErrorIssue[],
): string | null {
  if (!c || c.value === '') return null;
  if (dateSchema.safeParse(c.value).success) return c.value;
  issues.push(
    issue(line, c.name, 'invalid_date', `"${c.value.slice(0, 40)}" is not a date in the form YYYY-MM-DD.`),
  );
  return null;
}

function checkTags(
  c: { value: string; name: string } | undefined,
  line: number,
  issues: ErrorIssue[],
): string[] | undefined {
  if (!c) return undefined;
  const tags = c.value
    .split(';')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
  for (const tag of tags) {
    if (!tagSchema.safeParse(tag).success) {
      issues.push(
        issue(
          line,
          c.name,
          'invalid_tag',
          `"${tag.slice(0, 60)}" is not a valid tag (letters, digits, spaces and _ . : -, at most 50).`,
        ),
      );
    }
  }
  return [...new Set(tags)];
}
