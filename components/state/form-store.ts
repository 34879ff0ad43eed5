/**
 * The "Generate codes" form as typed (both ways of making codes: BigCommerce's, and the
 * merchant's own pattern), and what the export offers. Validation is derived, never stored.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  GENERATE_DEFAULTS,
  validateGenerate,
  type GenerateFormValues,
  type GenerateValidation,
} from '@/utils/ui/validate-generate';
import {
  PATTERN_DEFAULTS,
  validatePattern,
  type PatternFormValues,
  type PatternValidation,
} from '@/utils/ui/validate-pattern';

/** How codes are made: by BigCommerce (prefix, length, suffix), or in the merchant's pattern. */
export type GenerateMode = 'bigcommerce' | 'pattern';

/** Both ways' fields, as typed (the count and the limits are shared). */
export type FormValues = GenerateFormValues & PatternFormValues;
export type FormField = keyof FormValues;

interface FormState {
  mode: GenerateMode;
  values: FormValues;
  /** Fields whose message is shown: after the merchant leaves them, or all after a submit. */
  shown: Partial<Record<FormField, true>>;
  submitted: boolean;
  exportUnusedOnly: boolean;
  /** "For email tools": the export's file holds the codes only, under "Coupon Code". */
  exportForEmail: boolean;
}

export type FormStore = StoreApi<FormState>;

export function createFormStore(): FormStore {
  return createStore<FormState>()(() => ({
    mode: 'bigcommerce',
    values: { ...GENERATE_DEFAULTS, ...PATTERN_DEFAULTS },
    shown: {},
    submitted: false,
    exportUnusedOnly: false,
    exportForEmail: false,
  }));
}

/** `characterSet` takes one of CHARACTER_SETS' ids or 'custom' (the select offers only those). */
export function setField(store: FormStore, field: FormField, value: string): void {
  store.setState((s) => ({ values: { ...s.values, [field]: value } }));
}

export function touchField(store: FormStore, field: FormField): void {
  store.setState((s) => (s.shown[field] ? s : { shown: { ...s.shown, [field]: true } }));
}

/** The form's verdict in the way chosen. */
export function verdictOf(
  state: Pick<FormState, 'mode' | 'values'>,
): GenerateValidation | PatternValidation {
  return state.mode === 'pattern' ? validatePattern(state.values) : validateGenerate(state.values);
}

/** Marks every field shown and returns the verdict (the caller sends a request only when ok). */
export function submitForm(store: FormStore): GenerateValidation | PatternValidation {
  store.setState({ submitted: true });
  return verdictOf(store.getState());
}
