/**
 * Reads an answer's text, refusing one larger than `maxBytes` (null) without holding more than
 * that: a page of codes is tens of KB, so a huge body is a broken or hostile server, and reading
 * it whole could take the worker's memory down.
 */
export async function readCapped(res: Response, maxBytes: number): Promise<string | null> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    void res.body?.cancel().catch(() => undefined);
    return null;
  }
  // A declared length within the cap: the browser's own reader is the fastest way. Not for a
  // compressed answer, whose length is the compressed size: a small one can inflate to gigabytes.
  const encoding = (res.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if ((res.headers.has('content-length') && encoding === 'identity') || !res.body)
    return res.text();
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > maxBytes) {
      void reader.cancel().catch(() => undefined);
      return null;
    }
    text += decoder.decode(value, { stream: true });
  }
}
