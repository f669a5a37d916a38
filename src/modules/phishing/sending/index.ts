// What other areas and the server use of sending: the sender to start, the Message-ID that identifies a
// simulation email (the report path can match a reported original by it), the simulation header default,
// and the check a campaign makes of the profile it is given.
export { simulationMessageId } from './delivery.ts';
export { type Sender, type SenderOptions, startSender } from './sender.ts';
export { defaultSimulationHeader } from './sending.schema.ts';
export { sendingProfileExists } from './sending.store.ts';
