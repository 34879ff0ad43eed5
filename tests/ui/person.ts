/**
 * Who the events of a UI test stand for. Testing-library's events are not trusted (as a page
 * script's are not); the tests say which kind they mean: a person's by default (tests/setup.ts
 * installs this for happy-dom), a page script's with `trust.person = false`. A submit event is
 * always marked trusted, as Chromium marks the one a script's requestSubmit() or click() sets
 * off. The real helper (components/trusted.ts) reads `isTrusted` as in a browser.
 */
import { fireEvent } from '@testing-library/preact';

export const trust = { person: true };

export function installTrust(): void {
  Object.defineProperty(Event.prototype, 'isTrusted', {
    configurable: true,
    get(this: Event) {
      return this.type === 'submit' || trust.person;
    },
  });
}

/**
 * Enter in a form's field, as the browser does it: the keydown, then a click on the form's
 * first submit button (trusted when the Enter was), which submits the form; nothing when that
 * button is disabled.
 */
export function enterIn(field: HTMLElement): void {
  fireEvent.keyDown(field, { key: 'Enter' });
  const button = field
    .closest('form')
    ?.querySelector<HTMLButtonElement>('button[type="submit"], button:not([type])');
  if (button && !button.disabled) fireEvent.click(button);
}
