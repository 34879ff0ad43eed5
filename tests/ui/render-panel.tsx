/** Renders the panel over a fake bridge, the way the content script does, and waits for it to settle. */
import { act, render } from '@testing-library/preact';
import type { JobView } from '@/utils/jobs/types';
import { Panel } from '@/components/Panel';
import { createPanelModel, type PanelLocation } from '@/components/state/panel-model';
import { createFakeBridge, type Handlers } from './fake-bridge';
import { PROMOTION_ID, STORE_HASH } from './fixtures';

export const PROMOTION_PAGE: PanelLocation = {
  storeHash: STORE_HASH,
  promotionId: PROMOTION_ID,
  page: 'promotion',
};
export const LIST_PAGE: PanelLocation = {
  storeHash: STORE_HASH,
  promotionId: null,
  page: 'promotions-list',
};

/** Lets pending replies and renders finish. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++)
    await act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
}

export async function renderPanel(
  opts: { handlers?: Handlers; jobs?: JobView[]; location?: PanelLocation } = {},
) {
  const fake = createFakeBridge(opts.handlers, opts.jobs ?? []);
  const model = createPanelModel(fake.bridge);
  const view = render(<Panel model={model} />);
  await act(async () => model.navigate(opts.location ?? PROMOTION_PAGE));
  await settle();
  return { fake, model, view };
}
