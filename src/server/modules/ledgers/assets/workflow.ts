import { defineWorkflow } from '../../../core/workflow.js';
import type { EventEffect } from '../../../../shared/ledgers/definition.js';
import { recordEffects } from '../../platform/timeline/timeline.js';

/**
 * An asset's life in its ledger. It enters in service (registered on a form, imported, or added by an `added`
 * event); an upgrade or a retrofit keeps it in service, changed; a replacement or a scrapping ends it. Every move is
 * on the asset's timeline and in the audit trail, so its history is the platform's one history.
 */
export const assetWorkflow = defineWorkflow({
  kind: 'ledger_asset',
  table: 'ledger_assets',
  transitions: {
    register: { from: [], to: 'in_service' },
    upgrade: { from: ['in_service'], to: 'in_service' },
    retrofit: { from: ['in_service'], to: 'in_service' },
    replace: { from: ['in_service'], to: 'replaced' },
    scrap: { from: ['in_service'], to: 'scrapped' },
  },
  effects: recordEffects,
});

export type AssetAction = keyof typeof assetWorkflow.transitions;

/** The move each event effect makes on an existing asset (`added` brings a new one in: `register`). */
export const ACTION_OF_EFFECT: Record<Exclude<EventEffect, 'added'>, AssetAction> = {
  upgraded: 'upgrade',
  retrofitted: 'retrofit',
  replaced: 'replace',
  scrapped: 'scrap',
};
