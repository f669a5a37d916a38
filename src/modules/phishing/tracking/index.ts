export { buildTrackingApp, type RunningTrackingServer, startTrackingServer } from './tracking.server.ts';
export { clickRulesFor, createTracker, type Tracker } from './tracking.service.ts';
export { clickUrl, newTrackingToken, pixelUrl, trackingTokenPattern } from './urls.ts';
