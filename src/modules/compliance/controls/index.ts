/** What the other compliance areas use of controls: the catalogue, control statuses and live signals. */
export { type CatalogueControl, controlCatalogue, findControl } from './catalogue.ts';
export { type ControlStatus, type ControlStatusView, listControlStatuses } from './controls.service.ts';
export { latestSignals, recordSignalReading, type SignalSummary } from './signals.service.ts';
