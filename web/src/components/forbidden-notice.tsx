import { Alert } from '@mantine/core';

/** Shown instead of a page the role cannot use (the navigation hides its link, but an address can be typed). */
export function ForbiddenNotice() {
  return (
    <Alert color="gray" title="Not available to your role" maw={640}>
      Ask an administrator of your DSO if you need this page.
    </Alert>
  );
}
