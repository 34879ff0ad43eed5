/**
 * What a job will cost, under its form before its button is pressed: the background works it
 * out at the store's quota (utils/codes/job-estimate.ts) and words it; this line shows it.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { PlannedJob } from '@/utils/codes/job-estimate';
import type { PanelModel } from './state/panel-model';
import { useStore } from './state/use-store';

export function EstimateLine(props: {
  model: PanelModel;
  id: string;
  /** Null while the form cannot say yet (a count not typed): nothing is shown. */
  planned: PlannedJob | null;
  /** Words before the estimate ("Either one:"). */
  lead?: string;
}): JSX.Element | null {
  const storeHash = useStore(props.model.panel, (s) => s.location?.storeHash ?? null);
  const [text, setText] = useState<string | null>(null);
  const key = JSON.stringify(props.planned);
  useEffect(() => {
    const planned = props.planned;
    if (!planned || !storeHash) return setText(null);
    let current = true;
    // Asked a moment after the last keystroke, and only the latest answer counts.
    const timer = setTimeout(() => {
      void props.model.bridge.send('estimateJob', { storeHash, planned }).then((reply) => {
        if (current) setText(reply.ok ? reply.value.text : null);
      });
    }, 120);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key, storeHash]);
  if (!props.planned || text === null) return null;
  return (
    <p id={props.id} class="bcm-hint bcm-estimate">
      {props.lead ? `${props.lead} ` : ''}
      {text}
    </p>
  );
}
