import { useNavigate } from 'react-router';
import type { MfaState } from '../../api/types.ts';
import { mfaPath } from './next-path.ts';

/** After a password step: the MFA step when the session still needs it, else the page the user wanted. */
export function useContinueAfterSignIn() {
  const navigate = useNavigate();
  return (mfa: MfaState, next: string) => {
    const needsMfa = mfa === 'enrol' || mfa === 'challenge';
    void navigate(needsMfa ? mfaPath(next) : next, { replace: true });
  };
}
