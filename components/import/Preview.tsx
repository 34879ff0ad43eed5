/**
 * What the file gives, before anything is sent: how many codes will be created, how many lines
 * are rejected and why (each reason with one example); the dialog adds how long creating them
 * will take (its EstimateLine).
 * A live region: it is announced when the file has been read.
 */
import type { JSX } from 'preact';
import type { ImportPreview } from '@/utils/messages';
import { pluralCodes } from '@/utils/ui/format';
import { pluralLines } from '@/utils/ui/import-text';

/** `reading`: the file's name while it is read; `preview`: the background's answer. */
export function Preview(props: {
  reading: string | undefined;
  preview: ImportPreview | undefined;
}): JSX.Element {
  const { preview } = props;
  return (
    <div role="status">
      {props.reading ? <p class="bcm-muted">Reading {props.reading}…</p> : null}
      {preview ? (
        <>
          <p class="bcm-big">{pluralCodes(preview.codes)} will be created</p>
          {preview.rejected ? (
            <>
              <p>{pluralLines(preview.rejected)} will be rejected:</p>
              <ul>
                {preview.reasons.map(({ kind, label, count, example }) => (
                  <li key={kind}>
                    {label}: {pluralLines(count)}, e.g. line {example.line}
                    {example.code ? (
                      <>
                        {' '}
                        <code>{example.code}</code>
                      </>
                    ) : null}
                    : {example.reason}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
