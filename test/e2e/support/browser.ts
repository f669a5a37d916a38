import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

const chromiumArgs = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** Launches the system Chromium (CHROMIUM_PATH, default /usr/bin/chromium). */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium was not found at ${executablePath}. Install it with \`apt-get install -y chromium\`, ` +
        'or set CHROMIUM_PATH to a Chromium or Chrome executable.',
    );
  }
  return await chromium.launch({ executablePath, args: chromiumArgs });
}
