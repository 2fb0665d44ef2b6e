import type { Messages } from '../../../../i18n/catalogue';

/** Messages of the standards pages. */
export const standardsMessages = {} satisfies Messages;
