/**
 * "Spreadsheet-friendly CSV": the files the merchant downloads written with semicolons and a
 * byte-order mark, so Excel set to German, French and the like opens them in columns. Until
 * the merchant chooses, the background follows the browser's language (on where decimals are
 * written with a comma).
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import type { UiBridge } from '@/utils/ui/bridge';

export function CsvSettings(props: { bridge: UiBridge }): JSX.Element {
  const { bridge } = props;
  const [on, setOn] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void bridge.send('getSpreadsheetCsv').then((reply) => {
      if (reply.ok) setOn(reply.value.on);
      else setError(reply.error);
    });
  }, []);

  const toggle = async (next: boolean) => {
    setOn(next);
    const reply = await bridge.send('setSpreadsheetCsv', { on: next });
    if (reply.ok) {
      setOn(reply.value.on);
      setError(null);
    } else {
      setOn(!next);
      setError(reply.error);
    }
  };

  return (
    <section class="bcm-card" aria-labelledby="bcm-files-format-title">
      <h2 id="bcm-files-format-title">{i18n.t('csvSettings.title')}</h2>
      <div class="bcm-check">
        <input
          id="bcm-spreadsheet-csv"
          type="checkbox"
          checked={on ?? false}
          disabled={on === null}
          aria-describedby="bcm-spreadsheet-csv-hint"
          onChange={(e) => void toggle(e.currentTarget.checked)}
        />
        <label for="bcm-spreadsheet-csv">{i18n.t('csvSettings.label')}</label>
      </div>
      <p id="bcm-spreadsheet-csv-hint" class="bcm-hint">
        {i18n.t('csvSettings.hint')}
      </p>
      {error ? (
        <p role="alert" class="bcm-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}
