import { Badge } from '@mantine/core';

export function NotYetAvailableBadge() {
  return (
    <Badge color="gray" variant="light">
      Not yet available
    </Badge>
  );
}
