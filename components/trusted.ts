/**
 * The control panel's own scripts can reach the panel's shadow root: they can set a field's
 * value, dispatch events and call click(). None of that is a person. Deleting codes answers
 * only to events the browser made from real input (`isTrusted`).
 */
export function isTrustedEvent(event: Event): boolean {
  return event.isTrusted === true;
}
