/**
 * Formula-injection guard (OWASP "CSV Injection"): spreadsheet programs treat a cell that
 * starts with one of these characters as a formula, so text cells starting with one get a
 * leading apostrophe, which Excel and LibreOffice show as plain text.
 */
export const FORMULA_TRIGGERS: readonly string[] = ['=', '+', '-', '@', '\t', '\r'];

/** Apostrophes followed by a trigger: the shape of a guarded cell. */
const GUARDED_SHAPE = /^'+[=+\-@\t\r]/;

/** True when text would be read as a formula by a spreadsheet. */
export function needsGuard(text: string): boolean {
  return text.length > 0 && FORMULA_TRIGGERS.includes(text.charAt(0));
}

/**
 * Adds the apostrophe when needed; leaves other text untouched. Text that already looks
 * guarded ("'=x") gets one more apostrophe too, so unguardText can always tell our prefix
 * from the value's own and every value survives a round trip.
 */
export function guardText(text: string): string {
  return needsGuard(text) || GUARDED_SHAPE.test(text) ? `'${text}` : text;
}

/** Undoes guardText: strips one leading apostrophe from text of the guarded shape only. */
export function unguardText(text: string): string {
  return GUARDED_SHAPE.test(text) ? text.slice(1) : text;
}
