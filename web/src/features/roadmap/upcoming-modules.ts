/** Capabilities on the roadmap: each has a page that says what it will do. */
export interface UpcomingModule {
  slug: string;
  title: string;
  summary: string;
  details: string;
}

export const upcomingModules: readonly UpcomingModule[] = [
  {
    slug: 'training',
    title: 'Training',
    summary: 'Assign HIPAA and security awareness training and keep the completion records HIPAA requires.',
    details:
      'New hires get onboarding training on their hire date, everyone gets the annual refresher, and overdue ' +
      'people are reminded and listed per practice for office managers.',
  },
  {
    slug: 'triage',
    title: 'Reported-email triage',
    summary: 'Collect the emails your staff report as suspicious and sort real threats from noise.',
    details:
      'Each report is checked for known-bad links, lookalike domains and spoofed senders, so your team answers ' +
      'the reporter quickly and pulls the same message from every other inbox.',
  },
  {
    slug: 'detection',
    title: 'Detection (Sigma)',
    summary: 'Match your logs against Sigma detection rules tuned for dental offices and practice systems.',
    details:
      'Load community and custom Sigma rules, run them over sign-in, endpoint and practice-management logs, and ' +
      'turn matches into alerts with the practice and person attached.',
  },
  {
    slug: 'assets',
    title: 'Assets & vulnerabilities',
    summary:
      'Inventory the computers, imaging devices and software at each practice and the flaws that affect them.',
    details:
      'Know which operatory PCs, X-ray sensors and servers run end-of-life or vulnerable software, ranked by ' +
      'what is actually exploited, with the practices that need to act.',
  },
  {
    slug: 'incidents',
    title: 'Incidents & breach notification',
    summary: 'Record security incidents and run the HIPAA breach assessment and notification clock.',
    details:
      'Document each incident, assess the probability that PHI was compromised (45 CFR 164.402), and track the ' +
      '60-day deadlines to notify patients, HHS, the media and state regulators.',
  },
  {
    slug: 'risk',
    title: 'Risk in dollars & budget',
    summary: 'Estimate your exposure in dollars and see which security spending reduces it most.',
    details:
      'Simulate breach and ransomware losses from your patient counts and controls, then compare the expected ' +
      'loss avoided by each project to its cost when planning next year’s budget.',
  },
  {
    slug: 'intel',
    title: 'Threat intel sharing',
    summary: 'Share and receive indicators of attacks targeting dental organisations with trusted peers.',
    details:
      'Exchange STIX indicators over TAXII with other DSOs and ISACs, and check new indicators against your ' +
      'detections and reported emails automatically.',
  },
];
