import type { Messages } from '../../../../i18n/catalogue';

/** Messages of the ledger kinds pages. */
export const kindsMessages = {} satisfies Messages;
