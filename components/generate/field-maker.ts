/** How the form's parts ask the shell for a text field (value, messages and focus stay with the shell). */
import type { JSX } from 'preact';
import type { FormField } from '../state/form-store';

export interface FieldExtra {
  hint?: string;
  numeric?: boolean;
  placeholder?: string;
  /** More that describes the field, by id. */
  describedBy?: string;
  /** Two columns of the grid (a pattern needs room). */
  wide?: boolean;
}

export type FieldMaker = (field: FormField, label: string, extra?: FieldExtra) => JSX.Element;
