import { defineMessages } from '../../../../shared/i18n/messages.js';

/** Server messages of the ledgers assets part (spread into the module's messages.ts). */
export const assetsMessages = defineMessages({});
