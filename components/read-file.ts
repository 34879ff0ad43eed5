/**
 * A CSV file the merchant chose (purge by list, import), read as text on this computer: the
 * background parses it, so no CSV parser weighs on the page. A file too large is refused
 * without being read; every problem comes back in words for beside the field.
 */
import { i18n } from '#i18n';

export async function readChosenFile(
  file: File,
  maxBytes: number,
): Promise<{ text: string } | { error: string }> {
  // Limits are whole megabytes (50 MB, 60 MB).
  if (file.size > maxBytes)
    return {
      error: i18n.t('file.tooLarge', [file.name, String(maxBytes / 1048576)]),
    };
  try {
    const text = file.size ? await file.text() : '';
    return text.trim() ? { text } : { error: i18n.t('file.empty', [file.name]) };
  } catch {
    return { error: i18n.t('file.unreadable', [file.name]) };
  }
}
