/** A day as the settings and the popup write it ("Jun 15, 2025"): for how long a backup is kept, when a store was added. */
export function dateText(ms: number): string {
  return new Date(ms).toLocaleDateString('en-US', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  });
}
