import { errorMessage } from '../../../api/api-error.ts';

/** Words for a failed passkey step: the browser's refusal (cancelled, timed out) or the server's answer. */
export function passkeyErrorMessage(error: unknown): string {
  if (error instanceof Error && (error.name === 'NotAllowedError' || error.name === 'AbortError')) {
    return 'The passkey request was cancelled or timed out. Try again.';
  }
  if (error instanceof Error && error.name === 'InvalidStateError') {
    return 'This device already holds a passkey for your account.';
  }
  return errorMessage(error);
}
