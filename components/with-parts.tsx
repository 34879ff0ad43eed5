/**
 * A catalogue sentence with elements inside it ("connect store <code>abc123</code> in …"): the
 * message is asked with a slot for each element, then cut at the slots, so each language places
 * the elements where its word order wants them.
 */
import type { ComponentChildren, JSX } from 'preact';
import { Fragment } from 'preact';

/** Private-use characters: no message contains them. */
const FIRST = 0xe000;
const SLOTS = /([\uE000-\uE0FF])/;

/**
 * What stands for `parts[n]` while the browser fills the message. Each element has its own, so
 * a translation that names them in another order ($2 before $1) keeps each one with its words.
 */
export function slot(n: number): string {
  return String.fromCharCode(FIRST + n);
}

/** `text` as given by `i18n.t(key, [… slot(0) …, … slot(1) …])`, with `parts[n]` where `slot(n)` is. */
export function withParts(text: string, parts: readonly ComponentChildren[]): JSX.Element {
  // Split with a capture: text at even places, a slot at odd ones.
  const pieces = text.split(SLOTS);
  return (
    <>
      {pieces.map((piece, i) => (
        <Fragment key={i}>{i % 2 ? parts[piece.charCodeAt(0) - FIRST] : piece}</Fragment>
      ))}
    </>
  );
}
