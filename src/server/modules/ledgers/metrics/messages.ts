import { defineMessages } from '../../../../shared/i18n/messages.js';

/** Server messages of the ledgers metrics part (spread into the module's messages.ts). */
export const metricsMessages = defineMessages({});
