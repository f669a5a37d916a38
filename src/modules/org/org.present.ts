import type { DsoTable } from '../../platform/db/schema.ts';
import type { DsoView, PracticeView, RegionView } from './org.schema.ts';
import type { PracticeRow } from './org.store.ts';

export function presentDso(row: Omit<DsoTable, 'dataVersion'>): DsoView {
  return {
    id: row.id,
    name: row.name,
    legalName: row.legalName,
    domains: JSON.parse(row.domains) as string[],
    hqAddress: row.hqAddress === null ? null : (JSON.parse(row.hqAddress) as DsoView['hqAddress']),
    settings: JSON.parse(row.settings) as Record<string, unknown>,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function presentRegion(row: RegionView): RegionView {
  return {
    id: row.id,
    name: row.name,
    practiceCount: Number(row.practiceCount),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function presentPractice(row: PracticeRow): PracticeView {
  return {
    id: row.id,
    name: row.name,
    legalEntity: row.legalEntity,
    regionId: row.regionId,
    regionName: row.regionName,
    addressLine1: row.addressLine1,
    addressLine2: row.addressLine2,
    city: row.city,
    state: row.state,
    postalCode: row.postalCode,
    timeZone: row.timeZone,
    phone: row.phone,
    chairs: row.chairs === null ? null : Number(row.chairs),
    activePatients: row.activePatients === null ? null : Number(row.activePatients),
    npi: row.npi,
    status: row.status as PracticeView['status'],
    peopleCount: Number(row.peopleCount),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
