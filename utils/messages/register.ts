/**
 * Listens for every message of the table. Each is checked twice before it does anything: who
 * sent it (an extension page, or our content script on a store's control panel, which may only
 * touch that store) and what it holds (its schema). Replies are Results with plain-words errors.
 */
import type { z } from 'zod';
import { ApiError } from '../api/errors';
import { messageOf } from '../jobs/outcome';
import { said } from '../vocabulary';
import type { Caller, HandlerContext, MessageDef, Services } from './define';
import { onMessage } from './index';
import { classifySender, storeOfSender, type SenderLike } from './sender';
import { MESSAGES, type MessageName } from './table';
import type { Reply } from './views';

export interface RegisterOptions {
  services: Services;
  extensionId: string;
  extensionOrigin: string;
}

/** Who may send what: the content script only the panel's messages. */
export function allowedFrom(caller: Caller['context'] | 'untrusted', name: MessageName): boolean {
  if (caller === 'extension-page') return true;
  return caller === 'content-script' && MESSAGES[name].from === 'panel';
}

/** Answers one message (exported for tests: the listener is this and nothing more). */
export async function dispatch(
  name: MessageName,
  data: unknown,
  sender: SenderLike,
  o: RegisterOptions,
): Promise<Reply<unknown>> {
  const context = classifySender(sender, o.extensionId, o.extensionOrigin);
  if (context === 'untrusted' || !allowedFrom(context, name))
    return { ok: false, error: said('errors.notAllowed') };
  const def = MESSAGES[name] as MessageDef<z.ZodType, unknown>;
  const parsed = def.schema.safeParse(data);
  if (!parsed.success) return { ok: false, error: said('errors.malformed') };
  const caller: Caller = {
    context,
    store: context === 'content-script' ? storeOfSender(sender) : null,
  };
  const target = (parsed.data as { storeHash?: unknown } | undefined)?.storeHash;
  if (caller.store !== null && target !== undefined && target !== caller.store)
    return { ok: false, error: said('errors.ownStoreOnly') };
  const ctx: HandlerContext = {
    services: o.services,
    caller,
    async jobOf(jobId) {
      const job = await o.services.registry.find(jobId);
      if (!job) throw new ApiError('not-found', said('errors.jobGone'));
      if (caller.store !== null && job.storeHash !== caller.store)
        throw new ApiError('invalid', said('errors.ownStoreOnly'));
      return job;
    },
  };
  try {
    return { ok: true, value: await def.handle(parsed.data, ctx) };
  } catch (e) {
    return { ok: false, error: messageOf(e) };
  }
}

export function registerMessages(o: RegisterOptions): void {
  for (const name of Object.keys(MESSAGES) as MessageName[])
    onMessage(name, (({ data, sender }: { data: unknown; sender: SenderLike }) =>
      dispatch(name, data, sender, o)) as never);
}
