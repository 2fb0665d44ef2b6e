import { registerMessages } from '../../core/messages.js';
import { defineMessages } from '../../../shared/i18n/messages.js';
import { definitionMessages } from './definition/messages.js';
import { kindsMessages } from './kinds/messages.js';
import { assetsMessages } from './assets/messages.js';
import { importsMessages } from './imports/messages.js';
import { metricsMessages } from './metrics/messages.js';

/** The ledgers module's messages (zh-CN and en side by side). */
export const ledgersMessages = defineMessages({
  ...definitionMessages,
  ...kindsMessages,
  ...assetsMessages,
  ...importsMessages,
  ...metricsMessages,
});

registerMessages(ledgersMessages);

declare module '../../core/messages.js' {
  interface ModuleMessageKeys extends Record<keyof typeof ledgersMessages, true> {}
}
