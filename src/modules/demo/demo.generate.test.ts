import { describe, expect, it } from 'vitest';
import { createDsoInput, createPracticeInput } from '../org/org.schema.ts';
import { canonicalTimeZone, isValidNpi, nameKey } from '../org/validators.ts';
import { createPersonInput } from '../people/people.schema.ts';
import { generateDemo, npiCheckDigit } from './demo.generate.ts';
import { type DemoData, maxPracticesPerPerson } from './demo.model.ts';
import { geoRegions, metros } from './demo.places.ts';
import { createRng } from './demo.random.ts';

const asOf = '2026-11-02';
const small = generateDemo({ practices: 25, seed: 7, asOf });
const large = generateDemo({ practices: 500, seed: 7, asOf });
const placeholderId = '01900000-0000-7000-8000-000000000000';

/** Practice staff: everyone but the central executives, IT and billing, who cover several practices. */
function staffPerPractice(data: DemoData): number[] {
  const counts = data.practices.map(() => 0);
  for (const person of data.people) {
    const [only] = person.practices;
    if (person.practices.length !== 1 || only === undefined) continue;
    if (person.jobRole === 'executive' || person.jobRole === 'it') continue;
    counts[only] = (counts[only] ?? 0) + 1;
  }
  return counts;
}

describe('createRng', () => {
  it('repeats a sequence for a seed and keeps ints within bounds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const draws = Array.from({ length: 1000 }, () => a.int(3, 9));
    expect(Array.from({ length: 1000 }, () => b.int(3, 9))).toEqual(draws);
    expect(Math.min(...draws)).toBe(3);
    expect(Math.max(...draws)).toBe(9);
  });

  it('forks streams that do not depend on draws made before', () => {
    const a = createRng(1);
    const b = createRng(1);
    a.next();
    expect(a.fork('people').next()).toBe(b.fork('people').next());
    expect(a.fork('people').next()).not.toBe(a.fork('assets').next());
  });
});

describe('generateDemo', () => {
  it('gives identical data for the same seed, size and date, and other data for another seed', () => {
    expect(generateDemo({ practices: 25, seed: 7, asOf })).toEqual(small);
    const other = generateDemo({ practices: 25, seed: 8, asOf });
    expect(other.people.map((p) => p.email)).not.toEqual(small.people.map((p) => p.email));
  });

  it('spreads 25 practices over at least 6 states in 3 to 8 regions, and 500 over many more', () => {
    expect(new Set(small.practices.map((p) => p.state)).size).toBeGreaterThanOrEqual(6);
    expect(small.regions.length).toBeGreaterThanOrEqual(3);
    expect(small.regions.length).toBeLessThanOrEqual(8);
    expect(new Set(large.practices.map((p) => p.state)).size).toBeGreaterThanOrEqual(25);
  });

  it('passes the API schema for the DSO and every practice', () => {
    expect(createDsoInput.safeParse(small.dso).error).toBeUndefined();
    for (const { region, ...practice } of large.practices) {
      expect(createPracticeInput.safeParse(practice).error, practice.name).toBeUndefined();
      expect(large.regions).toContain(region);
    }
  });

  it('passes the API schema for every person, with unique emails', () => {
    for (const { practices, ...person } of large.people) {
      const input = { ...person, practiceIds: practices.map(() => placeholderId) };
      expect(createPersonInput.safeParse(input).error, person.email).toBeUndefined();
    }
    const emails = large.people.map((p) => p.email.toLowerCase());
    expect(new Set(emails).size).toBe(emails.length);
  });

  it('gives unique practice names and realistic practice facts', () => {
    expect(new Set(large.practices.map((p) => nameKey(p.name))).size).toBe(500);
    for (const practice of large.practices) {
      expect(practice.phone).toMatch(/^\(\d{3}\) 555-01\d{2}$/);
      expect(practice.postalCode).toMatch(/^\d{5}$/);
      expect(practice.chairs).toBeGreaterThanOrEqual(4);
      expect(practice.chairs).toBeLessThanOrEqual(16);
      expect(practice.activePatients).toBeGreaterThanOrEqual(1500);
      expect(practice.activePatients).toBeLessThanOrEqual(9000);
      if (practice.npi !== null) expect(isValidNpi(practice.npi), practice.npi).toBe(true);
    }
    expect(large.practices.filter((p) => p.npi !== null).length).toBeGreaterThan(400);
    expect(large.practices.filter((p) => p.status === 'closed')).toHaveLength(1);
    expect(large.practices.filter((p) => p.status === 'onboarding').length).toBeGreaterThanOrEqual(3);
  });

  it('staffs every practice with 10 to 20 people in a plausible mix', () => {
    for (const data of [small, large]) {
      for (const count of staffPerPractice(data)) {
        expect(count).toBeGreaterThanOrEqual(10);
        expect(count).toBeLessThanOrEqual(20);
      }
    }
    const roles = new Map<string, number>();
    for (const person of large.people) roles.set(person.jobRole, (roles.get(person.jobRole) ?? 0) + 1);
    expect(roles.get('dentist')).toBeGreaterThanOrEqual(500);
    expect(roles.get('hygienist')).toBeGreaterThanOrEqual(1000);
    expect(roles.get('office_manager')).toBeGreaterThanOrEqual(500);
    expect(roles.get('it')).toBeGreaterThanOrEqual(1);
    expect(roles.get('executive')).toBeGreaterThanOrEqual(5);
  });

  it('puts central staff in several practices, within the API bound', () => {
    const huge = generateDemo({ practices: 1000, seed: 3, asOf });
    const central = huge.people.filter((p) => p.jobRole === 'it' || p.jobRole === 'executive');
    expect(central.some((p) => p.practices.length > 1)).toBe(true);
    for (const person of huge.people)
      expect(person.practices.length).toBeLessThanOrEqual(maxPracticesPerPerson);
  });

  it('dates hires within 15 years and terminates about 3% after their hire date', () => {
    const fifteenYearsAgo = '2011-10-01';
    for (const person of large.people) {
      if (person.hireDate !== null) {
        expect(person.hireDate >= fifteenYearsAgo && person.hireDate <= asOf, person.hireDate).toBe(true);
      }
      if (person.terminationDate !== null) {
        expect(person.status).toBe('terminated');
        expect(person.terminationDate >= (person.hireDate ?? '') && person.terminationDate <= asOf).toBe(
          true,
        );
      }
    }
    const share = large.people.filter((p) => p.status === 'terminated').length / large.people.length;
    expect(share).toBeGreaterThan(0.015);
    expect(share).toBeLessThan(0.08);
  });

  it('tags security champions and front-desk shared mailboxes', () => {
    const tagged = (tag: string) => large.people.filter((p) => p.tags.includes(tag));
    expect(tagged('security-champion').length).toBeGreaterThan(10);
    const mailboxes = tagged('shared-mailbox');
    expect(mailboxes.length).toBeGreaterThan(50);
    for (const mailbox of mailboxes)
      expect(mailbox.email).toMatch(/^frontdesk\.[a-z0-9-]+@brightharbordental\.example$/);
  });

  it('generates 500 practices in well under a few seconds', () => {
    const started = performance.now();
    generateDemo({ practices: 500, seed: 11, asOf });
    expect(performance.now() - started).toBeLessThan(1500);
  });
});

describe('places', () => {
  it('gives every region state a metro and every metro a valid time zone', () => {
    for (const state of geoRegions.flatMap((region) => region.states)) {
      expect(
        metros.some((metro) => metro.state === state),
        state,
      ).toBe(true);
    }
    for (const metro of metros) expect(canonicalTimeZone(metro.timeZone), metro.city).not.toBeNull();
  });

  it.each([
    ['Phoenix', 'America/Phoenix'],
    ['Denver', 'America/Denver'],
    ['Dallas', 'America/Chicago'],
    ['Indianapolis', 'America/Indiana/Indianapolis'],
    ['El Paso', 'America/Denver'],
    ['Pensacola', 'America/Chicago'],
    ['Knoxville', 'America/New_York'],
    ['Boise', 'America/Boise'],
    ['Detroit', 'America/Detroit'],
  ])('puts %s in %s', (city, zone) => {
    expect(metros.find((metro) => metro.city === city)?.timeZone).toBe(zone);
  });
});

describe('npiCheckDigit', () => {
  it('agrees with the NPI validator', () => {
    expect(isValidNpi(`123456789${npiCheckDigit('123456789')}`)).toBe(true);
    // CMS's worked example: 123456789 has check digit 3.
    expect(npiCheckDigit('123456789')).toBe(3);
    const rng = createRng(5);
    for (let i = 0; i < 200; i++) {
      const body = String(rng.int(100_000_000, 999_999_999));
      expect(isValidNpi(`${body}${npiCheckDigit(body)}`)).toBe(true);
    }
  });
});
