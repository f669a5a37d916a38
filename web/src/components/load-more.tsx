import { Button, Center, Text } from '@mantine/core';

interface LoadMoreProps {
  shown: number;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  onLoadMore: () => void;
}

export function LoadMore({ shown, hasNextPage, isFetchingNextPage, onLoadMore }: LoadMoreProps) {
  return (
    <Center mt="md" style={{ flexDirection: 'column', gap: 8 }}>
      <Text size="sm" c="dimmed" aria-live="polite">
        Showing {shown}
        {hasNextPage ? '' : ' (all)'}
      </Text>
      {hasNextPage && (
        <Button variant="default" onClick={onLoadMore} loading={isFetchingNextPage}>
          Load more
        </Button>
      )}
    </Center>
  );
}
