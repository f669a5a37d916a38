import { type UsState, usStates } from '../org/us-states.ts';
import { nameKey } from '../org/validators.ts';
import type { DemoAddress, DemoData, DemoDso, DemoOptions, DemoPractice } from './demo.model.ts';
import { type GeoRegion, genericFeatures, geoRegions, type Metro, metros, streets } from './demo.places.ts';
import { createRng, type Rng } from './demo.random.ts';
import { generateStaff } from './demo.staff.ts';

const dsoPrefixes = (
  'Bright Harbor|Summit Ridge|Blue Heron|Clearwater|Evergreen|Northstar|Silver Creek|Sunrise|Meadowbrook|' +
  'Cornerstone|Golden Valley|Lighthouse|Redwood|Prairie Sky|Stonegate|Juniper'
).split('|');
const dsoSuffixes = ['Dental Partners', 'Dental Group', 'Dental Alliance', 'Dental Care Partners'];

const practiceSuffixes: readonly { label: string; weight: number }[] = [
  { label: 'Family Dental', weight: 30 },
  { label: 'Dental Care', weight: 25 },
  { label: 'Smiles', weight: 15 },
  { label: 'Dentistry', weight: 10 },
  { label: 'Dental Group', weight: 8 },
  { label: 'Orthodontics', weight: 6 },
  { label: 'Pediatric Dentistry', weight: 6 },
];

/** Generates a whole demo DSO from a seed: pure, no clock and no Math.random. */
export function generateDemo(options: DemoOptions): DemoData {
  const rng = createRng(options.seed);
  const dsoName = `${rng.pick(dsoPrefixes)} ${rng.pick(dsoSuffixes)}`;
  const footprint = chooseFootprint(rng.fork('footprint'), options.practices);
  const practices = generatePractices(rng.fork('practices'), footprint, dsoName);
  const dso = generateDso(rng.fork('dso'), dsoName, footprint.hq);
  const regions = [...new Set(practices.map((practice) => practice.region))];
  const people = generateStaff(rng.fork('people'), { dso, practices, regions, asOf: options.asOf });
  return { seed: options.seed, asOf: options.asOf, dso, regions, practices, people };
}

// Footprint: which regions and states, and one metro per practice ---------------------------------

interface Footprint {
  readonly hq: Metro;
  /** One entry per practice, with its region. */
  readonly sites: readonly { region: string; metro: Metro }[];
}

const metrosByState = new Map<UsState, Metro[]>();
for (const metro of metros)
  metrosByState.set(metro.state, [...(metrosByState.get(metro.state) ?? []), metro]);

function metrosIn(state: UsState): readonly Metro[] {
  return metrosByState.get(state) ?? [];
}

function stateWeight(state: UsState): number {
  return metrosIn(state).reduce((sum, metro) => sum + metro.weight, 0);
}

/** Small DSOs cover 6 or so states, large ones many more; never more states than practices. */
function stateCountFor(practices: number, available: number): number {
  return Math.min(practices, available, 6 + Math.floor(practices / 20));
}

/**
 * Picks a few geographic regions (the first is home) and fills them round-robin with states, weighted by
 * population, so the DSO looks like one that grew outward from a home market.
 */
function chooseStates(rng: Rng, count: number, regions: readonly GeoRegion[]) {
  const regionCount = Math.min(regions.length, Math.max(Math.min(3, count), Math.round(count / 2.5)));
  const pool = rng.shuffle(regions);
  const active = pool.splice(0, regionCount).map((region) => ({ region, left: [...region.states] }));
  const chosen: { region: string; state: UsState }[] = [];
  while (chosen.length < count) {
    const open = active.filter((entry) => entry.left.length > 0);
    if (open.length === 0) {
      const next = pool.shift();
      if (!next) break;
      active.push({ region: next, left: [...next.states] });
      continue;
    }
    for (const entry of open) {
      if (chosen.length >= count) break;
      const state = rng.weighted(entry.left, stateWeight);
      entry.left.splice(entry.left.indexOf(state), 1);
      chosen.push({ region: entry.region.name, state });
    }
  }
  return chosen;
}

function chooseFootprint(rng: Rng, practices: number): Footprint {
  const available = geoRegions.reduce((sum, region) => sum + region.states.length, 0);
  const states = chooseStates(rng, stateCountFor(practices, available), geoRegions);
  // Every chosen state gets a practice; the rest follow population.
  const picks = [...states];
  while (picks.length < practices) picks.push(rng.weighted(states, (entry) => stateWeight(entry.state)));
  const regionOrder = [...new Set(states.map((entry) => entry.region))];
  const sites = picks
    .map((entry) => ({
      region: entry.region,
      metro: rng.weighted(metrosIn(entry.state), (metro) => metro.weight),
    }))
    .sort(
      (a, b) =>
        regionOrder.indexOf(a.region) - regionOrder.indexOf(b.region) ||
        a.metro.state.localeCompare(b.metro.state) ||
        a.metro.city.localeCompare(b.metro.city),
    );
  const home = states[0]?.state ?? 'TX';
  const hq = [...metrosIn(home)].sort((a, b) => b.weight - a.weight)[0] as Metro;
  return { hq, sites };
}

// DSO ---------------------------------------------------------------------------------------------

function slugOf(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

function generateDso(rng: Rng, name: string, hq: Metro): DemoDso {
  const brand = name.replace(/ Dental.*$/, '');
  // RFC 2606 reserves .example, so demo addresses can never reach a real mailbox.
  const domains = [`${slugOf(brand)}dental.example`, `${slugOf(brand)}smiles.example`];
  return {
    name,
    legalName: `${brand} Dental Management, LLC`,
    domains,
    hqAddress: addressIn(rng, hq, true),
  };
}

function addressIn(rng: Rng, metro: Metro, suite: boolean): DemoAddress {
  return {
    line1: `${rng.int(100, 9899)} ${rng.pick(streets)}`,
    line2: suite ? `Suite ${rng.int(1, 4)}${String(rng.int(0, 50)).padStart(2, '0')}` : null,
    city: metro.city,
    state: metro.state,
    postalCode: `${metro.zip3}${String(rng.int(1, 99)).padStart(2, '0')}`,
  };
}

// Practices ---------------------------------------------------------------------------------------

function generatePractices(rng: Rng, footprint: Footprint, dsoName: string): DemoPractice[] {
  const brand = dsoName.replace(/ Dental.*$/, '');
  const used = new Set<string>();
  const statuses = chooseStatuses(rng, footprint.sites.length);
  return footprint.sites.map(({ region, metro }, index) => {
    const name = practiceName(rng, metro, used);
    const address = addressIn(rng, metro, rng.chance(0.4));
    const chairs = Math.round(4 + 12 * ((rng.next() + rng.next()) / 2));
    const status = statuses.get(index) ?? 'active';
    return {
      region,
      name,
      // Dentist-owned professional entities hold the practices in most states; the DSO manages them.
      legalEntity: `${brand} Dental of ${usStates[metro.state]}, PLLC`,
      addressLine1: address.line1,
      addressLine2: address.line2,
      city: metro.city,
      state: metro.state,
      postalCode: address.postalCode,
      timeZone: metro.timeZone,
      // 555-0100..0199 is the range the NANP reserves for fiction.
      phone: `(${metro.areaCode}) 555-01${String(rng.int(0, 99)).padStart(2, '0')}`,
      chairs,
      activePatients: Math.min(9000, Math.max(1500, Math.round(chairs * rng.int(380, 560)))),
      npi: rng.chance(status === 'onboarding' ? 0.5 : 0.92) ? generateNpi(rng) : null,
      status,
    };
  });
}

/** A few practices are being onboarded after an acquisition and, in a larger DSO, one has closed. */
function chooseStatuses(rng: Rng, count: number): Map<number, DemoPractice['status']> {
  const statuses = new Map<number, DemoPractice['status']>();
  if (count < 20) return statuses;
  const order = rng.shuffle(Array.from({ length: count }, (_, index) => index));
  const onboarding = Math.max(1, Math.round(count * 0.03));
  for (const index of order.slice(0, onboarding)) statuses.set(index, 'onboarding');
  if (count >= 50) statuses.set(order[onboarding] as number, 'closed');
  return statuses;
}

function practiceName(rng: Rng, metro: Metro, used: Set<string>): string {
  const claim = (name: string) => {
    if (used.has(nameKey(name))) return false;
    used.add(nameKey(name));
    return true;
  };
  for (let attempt = 0; attempt < 10; attempt++) {
    const roll = rng.next();
    const feature =
      roll < 0.7 ? rng.pick(metro.neighbourhoods) : roll < 0.85 ? metro.city : rng.pick(genericFeatures);
    const name = `${feature} ${rng.weighted(practiceSuffixes, (s) => s.weight).label}`;
    if (claim(name)) return name;
  }
  const base = `${rng.pick(genericFeatures)} ${rng.weighted(practiceSuffixes, (s) => s.weight).label} of ${metro.city}`;
  if (claim(base)) return base;
  for (let n = 2; ; n++) if (claim(`${base} ${n}`)) return `${base} ${n}`;
}

/**
 * A type-2 (organisation) NPI: starts with 1, and the last digit is the Luhn check digit over the 9 leading
 * digits prefixed with 80840 (CMS, "Requirements for NPI Check Digit").
 */
export function generateNpi(rng: Rng): string {
  const body = `1${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
  return `${body}${npiCheckDigit(body)}`;
}

export function npiCheckDigit(nineDigits: string): number {
  const digits = `80840${nineDigits}`.split('').map(Number);
  let sum = 0;
  // The check digit will sit at the right, so doubling starts with the rightmost payload digit.
  for (let i = 0; i < digits.length; i++) {
    let digit = digits[digits.length - 1 - i] as number;
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}
