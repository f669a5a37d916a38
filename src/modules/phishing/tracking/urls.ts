import { randomBytes } from 'node:crypto';

/** 32 random bytes (256 bits), base64url: unguessable, and it says nothing about the DSO or the person. */
export function newTrackingToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A token as the tracking server accepts it: 43 base64url characters. */
export const trackingTokenPattern = /^[A-Za-z0-9_-]{43}$/;

/** The link in a simulation email: GET records a click, POST (a landing-page form) a submission. */
export function clickUrl(trackingBase: string, token: string): string {
  return `${trackingBase}/l/${token}`;
}

/** The open pixel of a simulation email. */
export function pixelUrl(trackingBase: string, token: string): string {
  return `${trackingBase}/o/${token}.gif`;
}
