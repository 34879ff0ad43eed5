/** Whether an optional permission is granted now; false wherever the browser cannot say. */
import { browser } from '#imports';

export async function hasPermission(name: 'notifications' | 'power'): Promise<boolean> {
  try {
    return await browser.permissions.contains({ permissions: [name as 'alarms'] });
  } catch {
    return false;
  }
}
