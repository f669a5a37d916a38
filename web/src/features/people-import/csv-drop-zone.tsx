import { Paper, Stack, Text, VisuallyHidden } from '@mantine/core';
import { type DragEvent, useId, useState } from 'react';

interface CsvDropZoneProps {
  onFile: (file: File) => void;
  fileName: string | null;
}

/**
 * A labelled native file input under a large drop target: the input stays focusable and announced, the
 * label makes the whole area clickable.
 */
export function CsvDropZone({ onFile, fileName }: CsvDropZoneProps) {
  const id = useId();
  const [isDragging, setIsDragging] = useState(false);

  const handleDrop = (event: DragEvent) => {
    event.preventDefault();
    setIsDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) onFile(file);
  };

  return (
    <Paper
      component="label"
      htmlFor={id}
      withBorder
      p="xl"
      radius="md"
      className="csv-drop-zone"
      data-dragging={isDragging || undefined}
      onDragOver={(event: DragEvent) => {
        event.preventDefault();
        setIsDragging(true);
      }}
      onDragLeave={() => setIsDragging(false)}
      onDrop={handleDrop}
    >
      <VisuallyHidden>
        <input
          id={id}
          type="file"
          accept=".csv,text/csv"
          aria-label="CSV file"
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            if (file) onFile(file);
            // Choosing the same (fixed) file again must fire change again.
            event.currentTarget.value = '';
          }}
        />
      </VisuallyHidden>
      <Stack align="center" gap={4}>
        <Text fw={600}>Drop a .csv file here, or click to choose one</Text>
        <Text size="sm" c="dimmed">
          {fileName ? `Last file: ${fileName}` : 'UTF-8, one person per row, at most 50,000 rows'}
        </Text>
      </Stack>
    </Paper>
  );
}
