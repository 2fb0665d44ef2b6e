import { defineWorkflow } from '../../../core/workflow.js';
import { recordEffects } from '../../platform/timeline/timeline.js';

/**
 * What happens to a sale after it is made (one row per redemption, keyed by its id): a sale to be delivered enters
 * awaiting delivery; a sale carried out of the store to be installed enters delivered; delivery, installation and
 * release to settlement are each a move on the sale's timeline. A sale carried out of the store and not installed
 * is settleable from the start and writes no entry. A reversed sale's fulfilment is cancelled.
 */
export const fulfilmentWorkflow = defineWorkflow({
  kind: 'tradein_fulfilment',
  table: 'tradein_fulfilments',
  key: 'redemption_id',
  transitions: {
    sellForDelivery: { from: [], to: 'awaiting_delivery' },
    sellForInstallation: { from: [], to: 'delivered' },
    deliver: { from: ['awaiting_delivery'], to: 'delivered' },
    install: { from: ['delivered'], to: 'installed' },
    release: { from: ['delivered', 'installed'], to: 'settleable' },
    cancel: { from: ['awaiting_delivery', 'delivered', 'installed', 'settleable'], to: 'cancelled' },
  },
  effects: recordEffects,
});
