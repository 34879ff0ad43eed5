/** A progress bar with its numbers in words ("12,500 / 100,000"). */
import type { JSX } from 'preact';
import { formatCount } from '@/utils/ui/format';
import { i18n } from '#i18n';

export function ProgressBar(props: {
  label: string;
  done: number;
  total: number | null;
}): JSX.Element {
  const { done, total } = props;
  const known = total !== null && total > 0;
  const percent = known ? Math.min(100, Math.max(0, (done / total) * 100)) : 0;
  return (
    <div
      class={`bcm-progress${known ? '' : ' bcm-progress-unknown'}`}
      role="progressbar"
      aria-label={props.label}
      aria-valuemin={0}
      aria-valuemax={known ? total : undefined}
      aria-valuenow={known ? done : undefined}
      aria-valuetext={
        known
          ? i18n.t('progress.ofTotal', [formatCount(done), formatCount(total)])
          : i18n.t('progress.soFar', [formatCount(done)])
      }
    >
      <div class="bcm-progress-fill" style={{ width: known ? `${percent}%` : undefined }} />
    </div>
  );
}
