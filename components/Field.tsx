/** A labelled text field with its hint and its message beside it (aria-describedby, aria-invalid). */
import type { JSX } from 'preact';
import { personsValue } from './trusted';

interface FieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  onBlur?: () => void;
  /** Shown always, under the field. */
  hint?: string;
  /** A problem: the field is marked invalid and the message read with it. */
  error?: string | undefined;
  /** A non-blocking remark (e.g. "will be used as SUMMER"). */
  note?: string | undefined;
  /** The error is announced as it appears (checked while typing, not on leaving the field). */
  alert?: boolean;
  /** More that describes the field (e.g. sample codes), by id. */
  describedBy?: string;
  type?: 'text' | 'password';
  inputMode?: 'numeric' | 'text';
  autoComplete?: string;
  required?: boolean;
  placeholder?: string;
  spellcheck?: boolean;
  inputRef?: (el: HTMLInputElement | null) => void;
  class?: string;
  /** In a form that can set a write going: only a person's typing counts (a script's is undone). */
  personOnly?: boolean;
}

export function Field(props: FieldProps): JSX.Element {
  const hintId = `${props.id}-hint`;
  const messageId = `${props.id}-message`;
  const message = props.error ?? props.note;
  const describedBy = [props.hint ? hintId : null, message ? messageId : null, props.describedBy]
    .filter(Boolean)
    .join(' ');
  return (
    <div class={`bcm-field${props.class ? ` ${props.class}` : ''}`}>
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        ref={props.inputRef}
        type={(props.type ?? 'text') as 'text'}
        value={props.value}
        inputMode={props.inputMode}
        autoComplete={props.autoComplete ?? 'off'}
        spellcheck={props.spellcheck ?? false}
        placeholder={props.placeholder}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
        onInput={(e) => {
          const value = props.personOnly ? personsValue(e, props.value) : e.currentTarget.value;
          if (value !== null) props.onInput(value);
        }}
        onBlur={props.onBlur}
      />
      {props.hint ? (
        <p id={hintId} class="bcm-hint">
          {props.hint}
        </p>
      ) : null}
      {message ? (
        <p
          id={messageId}
          class={props.error ? 'bcm-field-error' : 'bcm-note'}
          role={props.error && props.alert ? 'alert' : undefined}
        >
          {message}
        </p>
      ) : null}
    </div>
  );
}
