/**
 * Usage at a glance: one bar split into unused, used and used-up codes, and codes made per day
 * as small bars. Inline SVG (no chart library: the content script must stay small). The
 * sentence under it is the chart's text alternative and the summary a merchant reads.
 */
import type { JSX } from 'preact';
import type { Usage } from '@/utils/codes/usage';
import { formatCount } from '@/utils/ui/format';
import { usageSentence } from '@/utils/ui/usage-text';

const W = 300;
const BAR_H = 12;
const DAYS_TOP = 20;
const DAYS_H = 28;
/** A day's bar is at most this wide: a few days stay small bars, not blocks. */
const DAY_MAX_W = 16;

/** The bar's parts, left to right; they add up to the total (used up is a part of used). */
export function usageSegments(
  u: Usage,
): Array<{ key: 'unused' | 'used' | 'used-up'; label: string; codes: number }> {
  return [
    { key: 'unused', label: 'unused', codes: u.unused },
    { key: 'used', label: 'used', codes: Math.max(0, u.used - u.usedUp) },
    { key: 'used-up', label: 'used up', codes: u.usedUp },
  ];
}

/** `lead`: what the reading is of when it is not the promotion now (a purge's, before it deleted). */
export function UsageChart(props: { usage: Usage; id: string; lead?: string }): JSX.Element {
  const { usage } = props;
  const textId = `${props.id}-usage`;
  const segments = usageSegments(usage);
  const max = Math.max(1, ...usage.perDay.map((d) => d.codes));
  const dayW = usage.perDay.length ? Math.min(DAY_MAX_W, W / usage.perDay.length) : 0;
  let x = 0;
  return (
    <div class="bcm-usage">
      <svg
        role="img"
        aria-labelledby={textId}
        viewBox={`0 0 ${W} ${DAYS_TOP + DAYS_H}`}
        class="bcm-usage-chart"
      >
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
              x={i * dayW + dayW * 0.1}
              y={DAYS_TOP + DAYS_H - h}
              width={dayW * 0.8}
              height={h}
            >
              <title>{`${d.day}: ${formatCount(d.codes)}`}</title>
            </rect>
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
          made per day
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
