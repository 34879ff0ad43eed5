/** A response we will not hand back: free its connection instead of leaving the body unread. */
export function discardBody(response: Response): void {
  try {
    response.body?.cancel().catch(() => undefined);
  } catch {
    // already used or locked: nothing to free
  }
}
