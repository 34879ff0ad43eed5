/**
 * A catalogue sentence with elements inside it ("connect store <code>abc123</code> in …"): the
 * message is asked with a slot for each `$n`, then cut at the slots, so each language places
 * the elements where its word order wants them.
 */
import type { ComponentChildren, JSX } from 'preact';
import { Fragment } from 'preact';

/** What stands for an element while the browser fills the message: no message contains it. */
export const SLOT = '\uE000';

/** `text` as given by `i18n.t(key, [SLOT, …])`, with `parts` in its slots, in `$n` order. */
export function withParts(text: string, parts: readonly ComponentChildren[]): JSX.Element {
  const pieces = text.split(SLOT);
  return (
    <>
      {pieces.map((piece, i) => (
        <Fragment key={i}>
          {piece}
          {i < pieces.length - 1 ? parts[i] : null}
        </Fragment>
      ))}
    </>
  );
}
