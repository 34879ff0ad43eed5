/**
 * Usage at a glance: one bar split into unused, used and used-up codes, and codes made per day
 * as small bars. Inline SVG (no chart library: the content script must stay small). The
 * sentence under it is the chart's text alternative and the summary a merchant reads.
 */
import type { JSX } from 'preact';
import { i18n } from '#i18n';
import type { Usage } from '@/utils/codes/usage';
import { formatCount } from '@/utils/ui/format';
import { dayText, labelledDays, shortDay, usageSentence } from '@/utils/ui/usage-text';

const W = 300;
const BAR_H = 12;
const DAYS_TOP = 20;
const DAYS_H = 28;
/** The dates under the day bars: their baseline below the bars. */
const LABEL_Y = DAYS_TOP + DAYS_H + 11;
const H = LABEL_Y + 3;
/** A day's slot is at most this wide: a few days stay small bars with their date under each. */
const DAY_MAX_W = 44;

/** The bar's parts, left to right; they add up to the total (used up is a part of used). */
export function usageSegments(
  u: Usage,
): Array<{ key: 'unused' | 'used' | 'used-up'; label: string; codes: number }> {
  return [
    { key: 'unused', label: i18n.t('forms.usage.unused'), codes: u.unused },
    { key: 'used', label: i18n.t('forms.usage.used'), codes: Math.max(0, u.used - u.usedUp) },
    { key: 'used-up', label: i18n.t('forms.usage.usedUp'), codes: u.usedUp },
  ];
}

/** `lead`: what the reading is of when it is not the promotion now (a purge's, before it deleted). */
export function UsageChart(props: { usage: Usage; id: string; lead?: string }): JSX.Element {
  const { usage } = props;
  const textId = `${props.id}-usage`;
  const segments = usageSegments(usage);
  const max = Math.max(1, ...usage.perDay.map((d) => d.codes));
  const days = usage.perDay.length;
  const dayW = days ? Math.min(DAY_MAX_W, W / days) : 0;
  // Every bar labelled: each date under its bar; only the first and last: at the chart's ends.
  const every = labelledDays(days).length === days;
  let x = 0;
  return (
    <div class="bcm-usage">
      <svg role="img" aria-labelledby={textId} viewBox={`0 0 ${W} ${H}`} class="bcm-usage-chart">
        <rect class="bcm-usage-none" x={0} y={0} width={W} height={BAR_H} rx={3} />
        {usage.total > 0
          ? segments.map((s) => {
              const w = (s.codes / usage.total) * W;
              const rect = (
                <rect
                  key={s.key}
                  class={`bcm-usage-${s.key}`}
                  x={x}
                  y={0}
                  width={w}
                  height={BAR_H}
                />
              );
              x += w;
              return rect;
            })
          : null}
        {usage.perDay.map((d, i) => {
          const h = Math.max(1, (d.codes / max) * DAYS_H);
          return (
            <rect
              key={d.day}
              class="bcm-usage-day"
              x={i * dayW + dayW * 0.25}
              y={DAYS_TOP + DAYS_H - h}
              width={dayW * 0.5}
              height={h}
            >
              <title>{`${dayText(d.day)}: ${formatCount(d.codes)}`}</title>
            </rect>
          );
        })}
        {labelledDays(days).map((i) => {
          const day = usage.perDay[i]!;
          const end = !every && i === days - 1 && i > 0;
          return (
            <text
              key={`label-${day.day}`}
              class="bcm-usage-date"
              x={every ? (i + 0.5) * dayW : end ? (i + 1) * dayW : i * dayW}
              y={LABEL_Y}
              text-anchor={every ? 'middle' : end ? 'end' : 'start'}
            >
              {shortDay(day.day)}
            </text>
          );
        })}
      </svg>
      <p class="bcm-usage-legend" aria-hidden="true">
        {segments.map((s) => (
          <span key={s.key}>
            <i class={`bcm-usage-${s.key}`} />
            {s.label}
          </span>
        ))}
        <span>
          <i class="bcm-usage-day" />
          {i18n.t('forms.usage.madePerDay')}
        </span>
      </p>
      {/* Read once, as the chart's name; seen by everyone. */}
      <p id={textId} class="bcm-usage-text" aria-hidden="true">
        {props.lead ? `${props.lead} ` : ''}
        {usageSentence(usage)}
      </p>
    </div>
  );
}
