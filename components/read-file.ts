/**
 * A CSV file the merchant chose (purge by list, import), read as text on this computer: the
 * background parses it, so no CSV parser weighs on the page. A file too large is refused
 * without being read; every problem comes back in words for beside the field.
 */
export async function readChosenFile(
  file: File,
  maxBytes: number,
): Promise<{ text: string } | { error: string }> {
  // Limits are whole megabytes (50 MB, 60 MB).
  if (file.size > maxBytes)
    return {
      error: `${file.name} is larger than ${maxBytes / 1048576} MB. Split it into smaller files.`,
    };
  try {
    const text = file.size ? await file.text() : '';
    return text.trim() ? { text } : { error: `${file.name} is empty.` };
  } catch {
    return { error: `${file.name} could not be read. Choose the file again.` };
  }
}
