/**
 * An error in words, announced as an alert, with a button to try again when there is one
 * ("Try again", "Check again"). The panel, its purge dialog and the popup show every error
 * this way, so screen readers hear them all alike.
 */
import type { JSX } from 'preact';

export function ErrorAlert(props: {
  message: string;
  retry?: { label: string; onClick: () => void };
}): JSX.Element {
  const alert = (
    <p role="alert" class="bcm-error">
      {props.message}
    </p>
  );
  // Without a retry the paragraph stands alone, as it sits among its neighbours (no wrapper).
  if (!props.retry) return alert;
  const { label, onClick } = props.retry;
  return (
    <div>
      {alert}
      <button type="button" class="bcm-button" onClick={onClick}>
        {label}
      </button>
    </div>
  );
}
