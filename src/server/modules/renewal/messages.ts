import { registerMessages } from '../../core/messages.js';
import { defineMessages } from '../../../shared/i18n/messages.js';
import { projectsMessages } from './projects/messages.js';
import { fundingMessages } from './funding/messages.js';
import { surveyMessages } from './survey/messages.js';
import { standardsMessages } from './standards/messages.js';

/** The renewal module's messages (zh-CN and en side by side): projects and their funding, the digitalisation survey, standards, certifications, brands and R&D. */
export const renewalMessages = defineMessages({
  ...projectsMessages,
  ...fundingMessages,
  ...surveyMessages,
  ...standardsMessages,
});

registerMessages(renewalMessages);

declare module '../../core/messages.js' {
  interface ModuleMessageKeys extends Record<keyof typeof renewalMessages, true> {}
}
