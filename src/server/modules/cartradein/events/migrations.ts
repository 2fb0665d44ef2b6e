import type { ModuleMigration } from '../../../db/migrations.js';

/**
 * Promotion events gain a lifecycle (draft → published → held | cancelled with a reason). Every event written
 * before had been live from the moment it was registered, so `planned` becomes `published`, and each row that was
 * ever live (planned, held or cancelled) is stamped published when it was created; nothing else changes.
 */
export const promotionEventMigrations: ModuleMigration[] = [
  {
    name: '20261201_1203_cartradein_event_lifecycle',
    async up(db) {
      await db.schema.alterTable('cartradein_events').addColumn('published_at', 'text').execute();
      await db.schema.alterTable('cartradein_events').addColumn('cancelled_at', 'text').execute();
      await db.schema.alterTable('cartradein_events').addColumn('cancel_reason', 'text').execute();
      await db.updateTable('cartradein_events').set({ status: 'published' }).where('status', '=', 'planned').execute();
      await db
        .updateTable('cartradein_events')
        .set((eb) => ({ published_at: eb.ref('created_at') }))
        .where('published_at', 'is', null)
        .execute();
      // A cancellation before reasons were asked for keeps its moment (its last change) and no reason.
      await db
        .updateTable('cartradein_events')
        .set((eb) => ({ cancelled_at: eb.ref('updated_at') }))
        .where('status', '=', 'cancelled')
        .execute();
      await db.schema.createIndex('cartradein_events_status').on('cartradein_events').columns(['status', 'starts_on']).execute();
    },
  },
];
