/**
 * Only a person can set a write going. The control panel's own scripts can reach the panel
 * (its shadow root is open): they can set a field's value, dispatch events, call click() or
 * requestSubmit(). None of that is a person's doing, yet the browser marks some of what follows
 * as trusted (tried in Chromium): a script's requestSubmit() fires a submit event with
 * isTrusted true, and a script's click() on a submit button (an untrusted click) submits its
 * form with a trusted submit event. So a submit event proves nothing; the click that led to it
 * does. A person's mouse click, Space or Enter on the button, and Enter in a field (the browser
 * then clicks the form's submit button itself) all reach the submit button as a trusted click.
 *
 * This module is the one place that decides, and the one way to send a message that can start
 * creating or deleting codes (sendChecked): a new button cannot forget.
 */
import { useMemo } from 'preact/hooks';
import { i18n } from '#i18n';
import type { MessageArgs, MessageReply, UiBridge } from '@/utils/ui/bridge';

/** Proof that an input came from a person: only this module makes it. */
const PROOF = Object.freeze({ person: true as const });
export type Person = typeof PROOF;

/**
 * A person's input (a click, a key, a change): the browser made the event from real input.
 * Never a submit event: a page script can make one the browser calls trusted (use personForm).
 */
export function fromPerson(event: Event): Person | null {
  return event.isTrusted === true && event.type !== 'submit' ? PROOF : null;
}

/**
 * What a person put in a field of a form that can set a write going (its value; a radio's own
 * value), or null: a page script's change (the typing it dispatches, its click() on a radio or
 * an option it picks) is undone, the field put back to what the form holds (`held`), so a
 * person's later click sends what the person chose.
 */
export function personsValue(event: Event, held: string): string | null {
  const field = event.currentTarget as HTMLInputElement | HTMLSelectElement;
  if (fromPerson(event)) return field.value;
  if (field.type !== 'radio') field.value = held;
  else
    for (const other of Array.from(field.form?.elements ?? []) as HTMLInputElement[])
      if (other.type === 'radio' && other.name === field.name) other.checked = other.value === held;
  return null;
}

/**
 * A form that can set a write going: `arm` on its submit button's click (a person's arms it),
 * `submitted` in its submit handler, which answers the proof once, for the submit that this
 * click set off (in the same moment), else null.
 */
export interface PersonForm {
  arm(event: Event): void;
  submitted(event: Event): Person | null;
}

export function personForm(): PersonForm {
  let armed: Person | null = null;
  return {
    arm(event) {
      armed = fromPerson(event);
      // The submit a click sets off follows within the same task; an armed form that did not
      // submit (a click prevented, a form refused) disarms before any later script could use it.
      if (armed) setTimeout(() => (armed = null), 0);
    },
    submitted(event) {
      const person = event.type === 'submit' ? armed : null;
      armed = null;
      return person;
    },
  };
}

/** personForm for a component: one gate for the life of the form. */
export function usePersonForm(): PersonForm {
  return useMemo(personForm, []);
}

/** The messages that can start creating or deleting codes, sent only through sendChecked. */
export type CheckedMessage = 'startJob' | 'confirmPurge' | 'controlJob' | 'downloadFile';

/**
 * Whether this message can set a write going, so needs a person: starting a job (unless its
 * starter sends it as READS_ONLY), confirming a purge, resuming a job or finding a purge's
 * codes again, and saving a purge's backup (deleting waits for it). Pausing, cancelling and
 * other files never write.
 */
export function needsPerson(type: CheckedMessage, data: unknown): boolean {
  const d = (data ?? {}) as { action?: string; fileKind?: string };
  switch (type) {
    case 'startJob':
      return true;
    case 'confirmPurge':
      return true;
    case 'controlJob':
      return d.action !== 'pause' && d.action !== 'cancel';
    case 'downloadFile':
      return d.fileKind === 'purge-backup';
  }
}

/** Said when an input did not come from a person (read when said: the browser's language). */
const notAPerson = (): string => i18n.t('trust.notAPerson');

/**
 * What the starter of a job that only reads (an export, a usage report) sends instead of a
 * person: such a start sets no write going, so it needs no person's input.
 */
export const READS_ONLY = Object.freeze({ readsOnly: true as const });

/** Sends one of the checked messages; one that can set a write going only with a person's proof. */
export async function sendChecked<K extends CheckedMessage>(
  bridge: UiBridge,
  person: Person | typeof READS_ONLY | null,
  type: K,
  ...args: MessageArgs<K>
): Promise<MessageReply<K>> {
  const readsOnly = person === READS_ONLY && type === 'startJob';
  if (person !== PROOF && !readsOnly && needsPerson(type, args[0]))
    return { ok: false, error: notAPerson() } as MessageReply<K>;
  return bridge.send(type, ...args);
}
