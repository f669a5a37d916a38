import type {
  Audience,
  BusinessHours,
  CreateCampaignInput,
  SharedMailbox,
} from '../../api/phishing-campaigns.ts';

/** The wizard's answers as the form holds them; times are the browser's local date-times (`datetime-local`). */
export interface WizardState {
  name: string;
  templateIds: string[];
  practiceIds: string[];
  jobRoles: string[];
  tags: string[];
  sharedMailboxes: SharedMailbox[];
  launchAt: string;
  sendBy: string;
  hours: BusinessHours;
  sendingProfileId: string | null;
  landingPageId: string | null;
}

export const weekdayOptions = [
  { value: 1, label: 'Mon' },
  { value: 2, label: 'Tue' },
  { value: 3, label: 'Wed' },
  { value: 4, label: 'Thu' },
  { value: 5, label: 'Fri' },
  { value: 6, label: 'Sat' },
  { value: 7, label: 'Sun' },
] as const;

/** `YYYY-MM-DDTHH:MM` of a date in the browser's time zone, as `datetime-local` inputs read and write. */
export function localInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Tomorrow at 08:00 in the browser's zone: a sensible first launch. */
export function initialState(now = new Date()): WizardState {
  const tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 8, 0);
  return {
    name: '',
    templateIds: [],
    practiceIds: [],
    jobRoles: [],
    tags: [],
    sharedMailboxes: [],
    launchAt: localInputValue(tomorrow),
    sendBy: '',
    hours: { start: '08:00', end: '17:00', days: [1, 2, 3, 4, 5] },
    sendingProfileId: null,
    landingPageId: null,
  };
}

/** Only the filters that are set: an empty list would select nobody rather than everybody. */
export function audienceOf(state: WizardState): Audience {
  return {
    ...(state.practiceIds.length > 0 ? { practiceIds: state.practiceIds } : {}),
    ...(state.jobRoles.length > 0 ? { jobRoles: state.jobRoles } : {}),
    ...(state.tags.length > 0 ? { tags: state.tags } : {}),
    ...(state.sharedMailboxes.length > 0 ? { sharedMailboxes: state.sharedMailboxes } : {}),
  };
}

function isoOf(local: string): string | null {
  if (!local) return null;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function toCreateInput(state: WizardState): CreateCampaignInput {
  return {
    name: state.name.trim(),
    templateIds: state.templateIds,
    landingPageId: state.landingPageId,
    sendingProfileId: state.sendingProfileId ?? '',
    audience: audienceOf(state),
    launchAt: isoOf(state.launchAt) ?? '',
    sendBy: isoOf(state.sendBy),
    businessHours: state.hours,
  };
}

/** What keeps the user on a step, in their words; null when the step is complete. */
export function stepProblem(step: number, state: WizardState, audienceTotal: number | null): string | null {
  switch (step) {
    case 0:
      return state.name.trim() === '' ? 'Give the campaign a name.' : null;
    case 1:
      return state.templateIds.length === 0 ? 'Choose at least one template.' : null;
    case 2:
      return audienceTotal === 0 ? 'This audience selects nobody.' : null;
    case 3: {
      const launch = isoOf(state.launchAt);
      if (!launch) return 'Set the launch date and time.';
      if (new Date(launch) <= new Date()) return 'The launch must be in the future.';
      const sendBy = isoOf(state.sendBy);
      if (sendBy && sendBy <= launch) return 'Send-by must be after the launch.';
      if (state.hours.days.length === 0) return 'Choose at least one business day.';
      if (state.hours.end <= state.hours.start) return 'Business hours must end after they start.';
      return null;
    }
    case 4:
      return state.sendingProfileId ? null : 'Choose a sending profile.';
    default:
      return null;
  }
}
