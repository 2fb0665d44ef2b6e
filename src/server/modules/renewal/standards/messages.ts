import { defineMessages } from '../../../../shared/i18n/messages.js';

/** Server messages of the renewal standards part (spread into the module's messages.ts). */
export const standardsMessages = defineMessages({});
