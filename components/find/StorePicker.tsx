/** "Find a code"'s store picker, in the popup when several stores are connected (by name, where known). */
import type { JSX } from 'preact';
import type { StoreView } from '@/utils/messages';
import { storeLabel } from '@/utils/ui/store-name';
import { i18n } from '#i18n';

export interface StorePickerProps {
  stores: StoreView[];
  value: string;
  onChange: (hash: string) => void;
}

export function StorePicker(props: StorePickerProps): JSX.Element {
  return (
    <div class="bcm-field bcm-find-store">
      <label for="bcm-find-store">{i18n.t('find.store')}</label>
      <select
        id="bcm-find-store"
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        {props.stores.map((s) => (
          <option key={s.storeHash} value={s.storeHash}>
            {s.name ? storeLabel(s) : s.storeHash}
          </option>
        ))}
      </select>
    </div>
  );
}
