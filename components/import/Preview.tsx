/**
 * What the file gives, before anything is sent: how many codes will be created, how many lines
 * are rejected and why (each reason with one example); the dialog adds how long creating them
 * will take (its EstimateLine).
 * A live region: it is announced when the file has been read.
 */
import type { JSX } from 'preact';
import type { ImportPreview } from '@/utils/messages';
import { i18n } from '#i18n';
import { formatCount } from '@/utils/ui/format';
import { say } from '@/utils/ui/say';
import { slot, withParts } from '../with-parts';

/** `reading`: the file's name while it is read; `preview`: the background's answer. */
export function Preview(props: {
  reading: string | undefined;
  preview: ImportPreview | undefined;
}): JSX.Element {
  const { preview } = props;
  return (
    <div role="status">
      {props.reading ? <p class="bcm-muted">{i18n.t('import.reading', [props.reading])}</p> : null}
      {preview ? (
        <>
          <p class="bcm-big">
            {i18n.t('import.willCreate', preview.codes, [formatCount(preview.codes)])}
          </p>
          {preview.rejected ? (
            <>
              <p>
                {i18n.t('import.willReject', preview.rejected, [formatCount(preview.rejected)])}
              </p>
              <ul>
                {preview.reasons.map(({ kind, label, count, example }) => (
                  <li key={kind}>
                    {withParts(
                      i18n.t(example.code ? 'import.reasonWithCode' : 'import.reason', count, [
                        say(label),
                        formatCount(count),
                        String(example.line),
                        slot(0),
                        say(example.reason),
                      ]),
                      [<code>{example.code}</code>],
                    )}
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
