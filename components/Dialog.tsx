/**
 * A modal dialog that works inside a shadow root: focus moves in on open, Tab and Shift+Tab
 * stay inside, Escape closes. The owner puts focus back after it closes (it knows the opener;
 * by then the page behind may have been inert, which takes focus away from it).
 * Each step of a dialog can mark the element to focus with `data-autofocus`.
 */
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { i18n } from '#i18n';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), ' +
  'textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function activeElementOf(node: Node): Element | null {
  const root = node.getRootNode() as Document | ShadowRoot;
  return root.activeElement ?? null;
}

function focusables(container: HTMLElement): HTMLElement[] {
  return Array.from(container.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (el) => !el.closest('[hidden]'),
  );
}

interface DialogProps {
  title: string;
  /** Closing by Escape, the close button, or the backdrop. */
  onClose: () => void;
  /** Changes when the dialog moves to another step: focus then goes to that step's `data-autofocus`. */
  stepKey?: string;
  danger?: boolean;
  children: ComponentChildren;
}

export function Dialog(props: DialogProps): JSX.Element {
  const ref = useRef<HTMLDivElement>(null);
  const onClose = useRef(props.onClose);
  onClose.current = props.onClose;

  // On open and on each step: focus the step's chosen element, else the first focusable one.
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const active = activeElementOf(dialog);
    if (active && dialog.contains(active) && props.stepKey === undefined) return;
    const target =
      dialog.querySelector<HTMLElement>('[data-autofocus]') ?? focusables(dialog)[0] ?? dialog;
    target.focus();
  }, [props.stepKey]);

  const onKeyDown = (event: KeyboardEvent) => {
    const dialog = ref.current;
    if (!dialog) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose.current();
      return;
    }
    if (event.key !== 'Tab') return;
    const items = focusables(dialog);
    if (items.length === 0) {
      event.preventDefault();
      dialog.focus();
      return;
    }
    const first = items[0] as HTMLElement;
    const last = items[items.length - 1] as HTMLElement;
    const active = activeElementOf(dialog);
    if (event.shiftKey && (active === first || active === dialog || !dialog.contains(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !dialog.contains(active))) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <div
      class="bcm-backdrop"
      onMouseDown={(e) => e.target === e.currentTarget && onClose.current()}
    >
      <div
        ref={ref}
        class={`bcm-dialog${props.danger ? ' bcm-dialog-danger' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby="bcm-dialog-title"
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <div class="bcm-dialog-header">
          <h2 id="bcm-dialog-title">{props.title}</h2>
          <button
            type="button"
            class="bcm-icon-button"
            aria-label={i18n.t('common.closeDialog')}
            onClick={() => onClose.current()}
          >
            ×
          </button>
        </div>
        {props.children}
      </div>
    </div>
  );
}
