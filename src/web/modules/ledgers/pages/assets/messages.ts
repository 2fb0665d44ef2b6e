import type { Messages } from '../../../../i18n/catalogue';

/** Messages of the ledger assets pages. */
export const assetsMessages = {} satisfies Messages;
