import { registerMessages } from '../../core/messages.js';
import { defineMessages } from '../../../shared/i18n/messages.js';
import { projectsMessages } from './projects/messages.js';
import { fundingMessages } from './funding/messages.js';

/** The renewal module's messages (zh-CN and en side by side): projects and their funding. */
export const renewalMessages = defineMessages({
  ...projectsMessages,
  ...fundingMessages,
});

registerMessages(renewalMessages);

declare module '../../core/messages.js' {
  interface ModuleMessageKeys extends Record<keyof typeof renewalMessages, true> {}
}
