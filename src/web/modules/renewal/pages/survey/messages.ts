import type { Messages } from '../../../../i18n/catalogue';

/** Messages of the survey pages. */
export const surveyMessages = {} satisfies Messages;
