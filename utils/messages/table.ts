/** Every message the background answers, by feature. A new message is one entry in one of these files. */
import { alertMessages } from './alerts';
import { codeMessages } from './codes';
import { estimateMessages } from './estimates';
import type { ProtocolOf } from './define';
import { fileMessages } from './files';
import { jobMessages } from './jobs';
import { promotionMessages } from './promotions';
import { storeMessages } from './stores';

export const MESSAGES = {
  ...storeMessages,
  ...promotionMessages,
  ...jobMessages,
  ...codeMessages,
  ...fileMessages,
  ...alertMessages,
  ...estimateMessages,
};

export type ProtocolMap = ProtocolOf<typeof MESSAGES>;
export type MessageName = keyof typeof MESSAGES;
