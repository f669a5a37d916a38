import type { JobRole } from '../people/people.schema.ts';
import { type DemoDso, type DemoPerson, type DemoPractice, maxPracticesPerPerson } from './demo.model.ts';
import { femaleFirstNames, lastNames, maleFirstNames } from './demo.names.ts';
import type { Rng } from './demo.random.ts';

interface StaffContext {
  readonly dso: DemoDso;
  readonly practices: readonly DemoPractice[];
  readonly regions: readonly string[];
  readonly asOf: string;
}

/** The staffing of a general dental office, per role; bigger offices (more chairs) sit towards `max`. */
const practiceStaffing: readonly { role: JobRole; min: number; max: number }[] = [
  { role: 'dentist', min: 1, max: 3 },
  { role: 'hygienist', min: 2, max: 4 },
  { role: 'assistant', min: 3, max: 5 },
  { role: 'front_desk', min: 2, max: 4 },
  { role: 'office_manager', min: 1, max: 1 },
  { role: 'billing', min: 0, max: 1 },
  // Sterilization or lab technicians.
  { role: 'other', min: 0, max: 1 },
];

/** Share of women per role, roughly as the ADA and BLS report the dental workforce. */
const femaleShare: Record<JobRole, number> = {
  dentist: 0.4,
  hygienist: 0.94,
  assistant: 0.92,
  front_desk: 0.9,
  office_manager: 0.85,
  billing: 0.85,
  it: 0.3,
  executive: 0.4,
  other: 0.5,
};

const maxTenureDays = 15 * 365;

type EmailBook = (local: string) => string;

/** Practice staff first, in practice order, then the DSO's central staff. */
export function generateStaff(rng: Rng, context: StaffContext): DemoPerson[] {
  const email = createEmailBook(context.dso.domains[0] ?? 'dental.example');
  const people = context.practices.flatMap((practice, index) =>
    practiceStaff(rng, context, email, practice, index),
  );
  return [...people, ...centralStaff(rng, context, email)];
}

// Dates -------------------------------------------------------------------------------------------

export function addDays(date: string, days: number): string {
  const instant = new Date(`${date}T00:00:00.000Z`);
  instant.setUTCDate(instant.getUTCDate() + days);
  return instant.toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Assistants and front desk turn over fastest, so their hire dates skew recent; dentists stay longest. */
function hireDateFor(rng: Rng, role: JobRole, asOf: string, atLeastDaysBack = 0): string {
  const skew =
    role === 'assistant' || role === 'front_desk'
      ? 2
      : role === 'dentist' || role === 'executive'
        ? 0.8
        : 1.3;
  const span = Math.max(0, maxTenureDays - atLeastDaysBack);
  return addDays(asOf, -(atLeastDaysBack + Math.floor(span * rng.next() ** skew)));
}

function terminationAfter(rng: Rng, hireDate: string, asOf: string): string {
  const earliest = addDays(hireDate, 14);
  if (earliest >= asOf) return asOf;
  return addDays(earliest, rng.int(0, daysBetween(earliest, asOf)));
}

// Names and emails --------------------------------------------------------------------------------

const emailParts = new Map<string, string>();

/** "José" -> "jose", "O'Brien" -> "obrien", "Dela Cruz" -> "delacruz". */
function emailPart(value: string): string {
  let part = emailParts.get(value);
  if (part === undefined) {
    part = value
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '');
    emailParts.set(value, part);
  }
  return part;
}

/** Hands out `local@domain` addresses, numbering repeats (maria.garcia, maria.garcia2, ...). */
function createEmailBook(domain: string): EmailBook {
  const used = new Set<string>();
  return (local) => {
    let candidate = local;
    for (let n = 2; used.has(candidate); n++) candidate = `${local}${n}`;
    used.add(candidate);
    return `${candidate}@${domain}`;
  };
}

interface PersonDraft {
  readonly role: JobRole;
  readonly practices: readonly number[];
  readonly hireDate: string | null;
  readonly terminationDate?: string | null;
  readonly tags?: readonly string[];
}

function namedPerson(rng: Rng, email: EmailBook, draft: PersonDraft): DemoPerson {
  const firstName = rng.pick(rng.chance(femaleShare[draft.role]) ? femaleFirstNames : maleFirstNames);
  const lastName = rng.pick(lastNames);
  const terminationDate = draft.terminationDate ?? null;
  // A few people are on leave (parental, medical); terminated people never are.
  const status = terminationDate !== null ? 'terminated' : rng.chance(0.015) ? 'leave' : 'active';
  return {
    firstName,
    lastName,
    email: email(`${emailPart(firstName)}.${emailPart(lastName)}`),
    jobRole: draft.role,
    hireDate: draft.hireDate,
    terminationDate,
    status,
    tags: draft.tags ?? [],
    practices: draft.practices,
  };
}

// Practice staff ----------------------------------------------------------------------------------

function roleCounts(rng: Rng, chairs: number): JobRole[] {
  const size = (chairs - 4) / 12;
  const roles = practiceStaffing.flatMap(({ role, min, max }) => {
    const count = min + Math.round((max - min) * ((size + 2 * rng.next()) / 3));
    return Array.from({ length: count }, () => role);
  });
  // Even the smallest office has ten people on the roster.
  while (roles.length < 10) roles.push('assistant');
  return roles;
}

function practiceTags(rng: Rng, role: JobRole): string[] {
  const tags: string[] = [];
  if (role === 'office_manager' && rng.chance(0.3)) tags.push('security-champion');
  if ((role === 'hygienist' || role === 'assistant' || role === 'front_desk') && rng.chance(0.12))
    tags.push('part-time');
  if (role === 'front_desk' && rng.chance(0.25)) tags.push('bilingual');
  return tags;
}

function practiceStaff(
  rng: Rng,
  context: StaffContext,
  email: EmailBook,
  practice: DemoPractice,
  index: number,
) {
  const { asOf } = context;
  // A closed office let everyone go on its closing day; everyone was hired at least a month before it.
  const closedDaysBack = practice.status === 'closed' ? rng.int(30, 300) : null;
  const people = roleCounts(rng, practice.chairs).map((role) => {
    const hireDate = hireDateFor(rng, role, asOf, closedDaysBack === null ? 0 : closedDaysBack + 30);
    const terminationDate =
      closedDaysBack !== null
        ? addDays(asOf, -closedDaysBack)
        : rng.chance(0.03)
          ? terminationAfter(rng, hireDate, asOf)
          : null;
    return namedPerson(rng, email, {
      role,
      practices: [index],
      hireDate,
      terminationDate,
      tags: practiceTags(rng, role),
    });
  });
  if (closedDaysBack === null && rng.chance(0.3)) people.push(sharedMailbox(email, practice, index));
  return people;
}

/** Front desks often share one mailbox: an account with no person behind it, worth tracking all the same. */
function sharedMailbox(email: EmailBook, practice: DemoPractice, index: number): DemoPerson {
  const slug = practice.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return {
    firstName: 'Front Desk',
    lastName: practice.name,
    email: email(`frontdesk.${slug}`),
    jobRole: 'front_desk',
    hireDate: null,
    terminationDate: null,
    status: 'active',
    tags: ['shared-mailbox'],
    practices: [index],
  };
}

// Central (DSO-level) staff -----------------------------------------------------------------------

/** Splits practices into `count` contiguous groups (practices are listed by region, so groups are local). */
function groupsOf(list: readonly number[], count: number): number[][] {
  if (list.length === 0) return [];
  const groups = Math.max(count, Math.ceil(list.length / maxPracticesPerPerson));
  return Array.from({ length: groups }, (_, i) => {
    const start = Math.floor((i * list.length) / groups);
    const end = Math.floor(((i + 1) * list.length) / groups);
    return end > start ? list.slice(start, end) : [list[i % list.length] as number];
  });
}

function centralStaff(rng: Rng, context: StaffContext, email: EmailBook): DemoPerson[] {
  const open = context.practices.flatMap((practice, index) => (practice.status === 'closed' ? [] : [index]));
  const inRegion = (region: string | undefined) =>
    open.filter((index) => context.practices[index]?.region === region);
  const count = open.length;
  const draft = (role: JobRole, practices: readonly number[], tags: readonly string[] = []) =>
    namedPerson(rng, email, { role, practices, hireDate: hireDateFor(rng, role, context.asOf), tags });

  // Executives sit at headquarters, in the home region; regional directors oversee their region.
  const home = inRegion(context.regions[0]).slice(0, maxPracticesPerPerson);
  const executives = Array.from({ length: count >= 50 ? 5 : count >= 10 ? 4 : 2 }, () =>
    draft('executive', home),
  );
  const directors =
    context.regions.length >= 2 && count >= 10
      ? context.regions.flatMap((region) =>
          groupsOf(inRegion(region), 1).map((group) => draft('executive', group)),
        )
      : [];
  const it = groupsOf(open, Math.max(1, Math.ceil(count / 40))).map((group, i) =>
    draft('it', group, i === 0 ? ['security-champion'] : []),
  );
  const billing = groupsOf(open, Math.max(1, Math.ceil(count / 30))).map((group) => draft('billing', group));
  return [...executives, ...directors, ...it, ...billing];
}
