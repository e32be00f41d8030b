/**
 * The order store's lifetime: the database (PGlite or PostgreSQL), its migrations, the
 * kitchen feed and its LISTEN, opened once, on first use or when `warm()` asks, and
 * released by `close()`. Opening does not hold up the server's start: the kiosk page and
 * voice work while a first PGlite start (a few seconds) runs, and an order that arrives
 * meanwhile waits for it.
 */

import type { OriginPolicy } from '../http/originPolicy.ts';
import type { ServerLogger } from '../log.ts';
import { KitchenFeed } from './kitchenFeed.ts';
import { migrate, readMigrations } from './migrations.ts';
import { openPglite, openPostgres, type OrderDatabase } from './orderDatabase.ts';
import { orderRoutes, type OpenOrders, type OrderRouteTable } from './orderRoutes.ts';
import type { OrderSettings } from './orderSettings.ts';
import { ORDERS_CHANNEL, OrderStore } from './orderStore.ts';

export interface OrderService {
  routes: OrderRouteTable;
  /** Opens the store now; rejects (and logs) if it cannot be opened. */
  warm(): Promise<void>;
  close(): Promise<void>;
}

async function openOrders(settings: OrderSettings, log: ServerLogger): Promise<OpenOrders & { db: OrderDatabase }> {
  const started = Date.now();
  const db: OrderDatabase = settings.databaseUrl
    ? await openPostgres(settings.databaseUrl, (error) => log.error({ error: String(error) }, 'order database connection failed'))
    : await openPglite(settings.dataDir);
  const applied = await migrate(db, await readMigrations());
  const store = new OrderStore(db);
  const feed = new KitchenFeed(store, log);
  await db.listen(ORDERS_CHANNEL, () => feed.wake());
  log.info(
    { database: db.kind, dataDir: db.kind === 'pglite' ? settings.dataDir : undefined, migrationsApplied: applied, ms: Date.now() - started },
    'order store ready',
  );
  return { db, store, feed };
}

export function createOrderService(
  settings: OrderSettings,
  deps: { log: ServerLogger; originPolicy: OriginPolicy; testMode: boolean },
): OrderService {
  let opening: Promise<OpenOrders & { db: OrderDatabase }> | null = null;
  const open = () => {
    opening ??= openOrders(settings, deps.log);
    return opening;
  };
  return {
    routes: orderRoutes({ open, originPolicy: deps.originPolicy, log: deps.log, testMode: deps.testMode, ackDelayMs: settings.ackDelayMs }),
    warm: async () => {
      await open();
    },
    close: async () => {
      if (!opening) return;
      const { db, feed } = await opening;
      feed.close();
      await db.close();
    },
  };
}
