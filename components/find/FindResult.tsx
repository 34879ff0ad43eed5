/**
 * What "Find" found: the code's promotion (a link to its page in the control panel), its uses,
 * its per-customer limit and when it was made; or "not found". For a code of a bulk promotion,
 * "Delete this code" asks first, naming the code, and only a person's click deletes.
 */
import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { CodeLookup } from '@/utils/messages';
import { promotionPageUrl } from '@/utils/control-panel-url';
import {
  deleteJobText,
  deleteQuestion,
  notFoundText,
  perCustomerText,
  promotionStatusNote,
  usesText,
} from '@/utils/ui/find-text';
import { dateText } from '../date-text';
import type { JobsStore } from '../state/jobs-store';
import { useStore } from '../state/use-store';
import { fromPerson } from '../trusted';
import type { Finder } from './find-store';
import { i18n } from '#i18n';

type Found = Extract<CodeLookup, { found: true }>;

const JOB_CLASS: Record<string, string> = {
  completed: 'bcm-success',
  failed: 'bcm-error',
  paused: 'bcm-notice',
  interrupted: 'bcm-notice',
};

function madeText(created: string): string {
  const ms = Date.parse(created);
  return Number.isNaN(ms) ? i18n.t('find.unknown') : dateText(ms);
}

function Facts(props: { storeHash: string; lookup: Found; newTab?: boolean }): JSX.Element {
  const { code, promotion } = props.lookup;
  const status = promotionStatusNote(promotion?.status);
  return (
    <dl class="bcm-facts">
      <dt>{i18n.t('find.code')}</dt>
      <dd>{code.code}</dd>
      <dt>{i18n.t('picker.label')}</dt>
      <dd>
        {promotion ? (
          <a
            class="bcm-link-text"
            href={promotionPageUrl(props.storeHash, promotion.id)}
            target={props.newTab ? '_blank' : undefined}
            rel={props.newTab ? 'noreferrer' : undefined}
          >
            {promotion.name}
          </a>
        ) : (
          i18n.t('find.unreadable')
        )}
        {status}
      </dd>
      <dt>{i18n.t('find.uses')}</dt>
      <dd>{usesText(code)}</dd>
      <dt>{i18n.t('find.perCustomer')}</dt>
      <dd>{perCustomerText(code.max_uses_per_customer)}</dd>
      <dt>{i18n.t('find.made')}</dt>
      <dd>{madeText(code.created)}</dd>
      <dt>{i18n.t('find.kind')}</dt>
      <dd>{promotion?.bulk ? i18n.t('find.bulk') : i18n.t('find.notBulk')}</dd>
    </dl>
  );
}

/** "Delete this code", its question, then where its job stands. */
function Delete(props: {
  finder: Finder;
  jobs: JobsStore;
  lookup: Found;
  canDelete: boolean;
}): JSX.Element | null {
  const { finder, lookup } = props;
  const s = useStore(finder.store, (st) => st);
  const job = useStore(props.jobs, (st) => st.jobs.find((j) => j.id === s.deleteJobId) ?? null);
  const ask = useRef<HTMLButtonElement>(null);
  const keep = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  // Focus follows the question: to "Keep it" when it opens, back to "Delete this code" when kept.
  useEffect(() => {
    if (s.confirming) keep.current?.focus();
    else if (wasConfirming.current) ask.current?.focus();
    wasConfirming.current = s.confirming;
  }, [s.confirming]);

  if (s.deleteJobId)
    return (
      <p class={JOB_CLASS[job?.status ?? ''] ?? 'bcm-muted'}>
        {job ? deleteJobText(job) : i18n.t('find.starting')}
      </p>
    );
  if (!lookup.promotion?.bulk) return null;
  if (!props.canDelete) return <p class="bcm-muted">{i18n.t('find.readOnly')}</p>;
  if (!s.confirming)
    return (
      <div class="bcm-actions">
        <button
          type="button"
          ref={ask}
          class="bcm-button bcm-danger"
          disabled={s.busy}
          onClick={(e) => fromPerson(e) && finder.askDelete()}
        >
          {i18n.t('find.delete')}
        </button>
      </div>
    );
  return (
    <div class="bcm-find-confirm" role="group" aria-labelledby="bcm-find-question">
      <p id="bcm-find-question">{deleteQuestion(lookup.code.code, lookup.promotion.name)}</p>
      <div class="bcm-actions">
        <button
          type="button"
          class="bcm-button bcm-danger"
          disabled={s.busy}
          // A person's click only: the control panel's scripts can reach the panel.
          onClick={(e) => void finder.confirmDelete(fromPerson(e))}
        >
          {i18n.t('find.delete')}
        </button>
        <button type="button" ref={keep} class="bcm-button" onClick={finder.keep}>
          {i18n.t('find.keep')}
        </button>
      </div>
    </div>
  );
}

export function FindResult(props: {
  finder: Finder;
  jobs: JobsStore;
  canDelete: boolean;
  newTab?: boolean;
}): JSX.Element {
  const found = useStore(props.finder.store, (st) => st.found);
  return (
    <div role="status" class="bcm-find-result">
      {found === null ? null : !found.lookup.found ? (
        <p>{notFoundText(found.lookup.code)}</p>
      ) : (
        <>
          <Facts storeHash={found.storeHash} lookup={found.lookup} newTab={props.newTab} />
          <Delete
            finder={props.finder}
            jobs={props.jobs}
            lookup={found.lookup}
            canDelete={props.canDelete}
          />
        </>
      )}
    </div>
  );
}
