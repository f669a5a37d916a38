// US zones first: every practice is in the United States, and the full IANA list is long.
const usZones = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
  'America/Detroit',
  'America/Boise',
  'America/Indiana/Indianapolis',
  'America/Kentucky/Louisville',
  'America/Juneau',
  'America/Adak',
  'America/Puerto_Rico',
  'America/St_Thomas',
  'Pacific/Guam',
  'Pacific/Saipan',
  'Pacific/Pago_Pago',
];
const usPrefixes = ['America/Indiana/', 'America/Kentucky/', 'America/North_Dakota/'];
const otherUsZones = [
  'America/Menominee',
  'America/Metlakatla',
  'America/Nome',
  'America/Sitka',
  'America/Yakutat',
];

function isUsZone(zone: string): boolean {
  return usZones.includes(zone) || otherUsZones.includes(zone) || usPrefixes.some((p) => zone.startsWith(p));
}

function supportedZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

export interface TimeZoneGroup {
  group: string;
  items: string[];
}

export function timeZoneGroups(): TimeZoneGroup[] {
  const all = supportedZones();
  const extraUs = all.filter((zone) => isUsZone(zone) && !usZones.includes(zone)).sort();
  const others = all.filter((zone) => !isUsZone(zone));
  return [
    { group: 'United States', items: [...usZones.filter(isValidTimeZone), ...extraUs] },
    { group: 'Other time zones', items: others },
  ];
}

/** True when the runtime knows the zone (the list above may name zones a browser lacks). */
export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
