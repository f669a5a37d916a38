import { Typography } from '@mantine/core';
import Markdown, { type Components } from 'react-markdown';

// The policy is shown inside a page that has its own h1: its headings move one level down.
const headings: Components = {
  h1: ({ node: _node, ...props }) => <h2 {...props} />,
  h2: ({ node: _node, ...props }) => <h3 {...props} />,
  h3: ({ node: _node, ...props }) => <h4 {...props} />,
  h4: ({ node: _node, ...props }) => <h5 {...props} />,
  h5: ({ node: _node, ...props }) => <h6 {...props} />,
};

/** A policy's Markdown as formatted text; raw HTML in the source is dropped, never rendered. */
export function PolicyMarkdown({ body }: { body: string }) {
  return (
    <Typography>
      <Markdown skipHtml components={headings}>
        {body}
      </Markdown>
    </Typography>
  );
}
