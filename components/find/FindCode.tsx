/**
 * "Find a code": any code of a connected store, in one step, from the popup (a store picker
 * when several are connected) or the panel (its own store). Support staff answer "why doesn't
 * my code work?" from what it shows. Accessible names are a contract: "Find a code", "Find",
 * "Delete this code".
 */
import type { JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { StoreView } from '@/utils/messages';
import type { UiBridge } from '@/utils/ui/bridge';
import { ErrorAlert } from '../ErrorAlert';
import { usePersonForm } from '../trusted';
import { Field } from '../Field';
import type { JobsStore } from '../state/jobs-store';
import { useStore } from '../state/use-store';
import { createFinder } from './find-store';
import { FindResult } from './FindResult';
import type { StorePickerProps } from './StorePicker';
import { i18n } from '#i18n';

interface FindCodeProps {
  bridge: UiBridge;
  /** The jobs feed, for where a "Delete this code" stands. */
  jobs: JobsStore;
  /** Stores to search; a picker shows when there are several. */
  stores: StoreView[];
  /** The popup opens the promotion's page in a new tab; the panel, in its own. */
  newTab?: boolean;
  /** The popup's store picker (StorePicker.tsx), when several stores are connected: kept out of the panel's bundle. */
  picker?: (props: StorePickerProps) => JSX.Element;
}

export function FindCode(props: FindCodeProps): JSX.Element {
  const finder = useMemo(() => createFinder(props.bridge), [props.bridge]);
  const s = useStore(finder.store, (st) => st);
  const [picked, setPicked] = useState<string | null>(null);
  const store = props.stores.find((x) => x.storeHash === picked) ?? props.stores[0];
  const foundIn = props.stores.find((x) => x.storeHash === s.found?.storeHash);
  const input = useRef<HTMLInputElement | null>(null);
  const gate = usePersonForm();
  // Once a delete has started, its button is gone: focus goes back to the field.
  useEffect(() => {
    if (s.deleteJobId) input.current?.focus();
  }, [s.deleteJobId]);

  return (
    <form
      class="bcm-find"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        // A person's Enter or click only: a page script could otherwise put up a code of its
        // choosing under "Delete this code".
        if (store && gate.submitted(e)) void finder.find(store.storeHash);
      }}
    >
      <div class="bcm-find-row">
        {props.picker && props.stores.length > 1 && store ? (
          <props.picker
            stores={props.stores}
            value={store.storeHash}
            onChange={(hash) => {
              setPicked(hash);
              finder.clear(); // an answer about another store must not stay under this one
            }}
          />
        ) : null}
        <Field
          id="bcm-find-code"
          label={i18n.t('find.label')}
          value={s.text}
          personOnly
          onInput={finder.setText}
          error={s.inputError ?? undefined}
          inputRef={(el) => {
            input.current = el;
          }}
        />
        <button type="submit" class="bcm-button" disabled={!store} onClick={gate.arm}>
          {i18n.t('find.button')}
        </button>
      </div>
      {s.error ? <ErrorAlert message={s.error} /> : null}
      <FindResult
        finder={finder}
        jobs={props.jobs}
        canDelete={foundIn?.access !== 'read-only'}
        newTab={props.newTab}
      />
    </form>
  );
}
