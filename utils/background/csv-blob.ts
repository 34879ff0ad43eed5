/**
 * Builds a Blob from text parts, folding them into the Blob every ~1 MB: the browser keeps
 * Blob data outside the JS heap, so memory stays flat however long the file is.
 */
export async function buildBlob(
  parts: AsyncIterable<string>,
  type = 'text/csv;charset=utf-8',
): Promise<Blob> {
  let blob = new Blob([], { type });
  let pending: string[] = [];
  let size = 0;
  for await (const part of parts) {
    pending.push(part);
    size += part.length;
    if (size >= 1 << 20) {
      blob = new Blob([blob, ...pending], { type });
      pending = [];
      size = 0;
    }
  }
  return new Blob([blob, ...pending], { type });
}
