/**
 * The data version the renewal overview is cached under: bumped by every project and funding move (their workflows'
 * effects) and by an edit of a project already submitted.
 */
export const RENEWAL_DATA_VERSION = 'renewal';
