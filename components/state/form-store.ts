/** The "Generate codes" form as typed, and what the export offers. Validation is derived, never stored. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  GENERATE_DEFAULTS,
  validateGenerate,
  type GenerateField,
  type GenerateFormValues,
  type GenerateValidation,
} from '@/utils/ui/validate-generate';

interface FormState {
  values: GenerateFormValues;
  /** Fields whose message is shown: after the merchant leaves them, or all after a submit. */
  shown: Partial<Record<GenerateField, true>>;
  submitted: boolean;
  exportUnusedOnly: boolean;
}

export type FormStore = StoreApi<FormState>;

export function createFormStore(): FormStore {
  return createStore<FormState>()(() => ({
    values: { ...GENERATE_DEFAULTS },
    shown: {},
    submitted: false,
    exportUnusedOnly: false,
  }));
}

export function setField(store: FormStore, field: GenerateField, value: string): void {
  store.setState((s) => ({ values: { ...s.values, [field]: value } }));
}

export function touchField(store: FormStore, field: GenerateField): void {
  store.setState((s) => (s.shown[field] ? s : { shown: { ...s.shown, [field]: true } }));
}

/** Marks every field shown and returns the verdict (the caller sends a request only when ok). */
export function submitForm(store: FormStore): GenerateValidation {
  store.setState({ submitted: true });
  return validateGenerate(store.getState().values);
}
