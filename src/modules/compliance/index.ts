/** What other modules use of compliance: live-signal readings (phishing fail and report rates, training, ...). */
export { latestSignals, recordSignalReading, type SignalSummary } from './controls/index.ts';
