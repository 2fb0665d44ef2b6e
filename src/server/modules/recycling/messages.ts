import { registerMessages } from '../../core/messages.js';
import { defineMessages } from '../../../shared/i18n/messages.js';
import { inspectionMessages } from './inspections/messages.js';
import { siteMessages } from './sites/messages.js';
import { pickupMessages } from './pickups/messages.js';
import { certificateMessages } from './certificates/messages.js';
import { intakeMessages } from './intake/messages.js';
import { vehiclesMessages } from './vehicles/messages.js';
import { dealersMessages } from './dealers/messages.js';

/** The recycling module's messages (zh-CN and en side by side): the recycling network and its supervision. */
export const recyclingMessages = defineMessages({
  ...inspectionMessages,
  ...siteMessages,
  ...pickupMessages,
  ...certificateMessages,
  ...intakeMessages,
  ...vehiclesMessages,
  ...dealersMessages,
  'error.SITE_BANNED': {
    'zh-CN': '该回收网点已被取缔，不能再变更',
    en: 'This recycling site has been banned and can no longer be changed',
  },
});

registerMessages(recyclingMessages);

declare module '../../core/messages.js' {
  interface ModuleMessageKeys extends Record<keyof typeof recyclingMessages, true> {}
}
