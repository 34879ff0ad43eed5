/**
 * GET /stores/{hash}/v2/store: the store's information, of which the extension reads the name.
 * A v2 answer is the object itself (no `data` wrapper). Only tokens with the Information &
 * settings scope may read it (api.ts answers 403 otherwise).
 */
import { json } from '../http';
import type { Handler } from './context';

export const storeInformation: Handler = ({ store }) =>
  json(200, {
    id: store.hash,
    domain: `${store.hash}.example.com`,
    secure_url: `https://${store.hash}.example.com`,
    control_panel_base_url: `https://store-${store.hash}.mybigcommerce.com`,
    name: store.name,
    plan_name: store.plan,
    currency: 'USD',
  });
