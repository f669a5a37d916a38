import { Typography } from '@mantine/core';
import Markdown from 'react-markdown';

/** A policy's Markdown as formatted text; raw HTML in the source is dropped, never rendered. */
export function PolicyMarkdown({ body }: { body: string }) {
  return (
    <Typography>
      <Markdown skipHtml>{body}</Markdown>
    </Typography>
  );
}
