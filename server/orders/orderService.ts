/**
 * Opens the order store at start-up: the database (PGlite or PostgreSQL), its
 * migrations, the kitchen feed and its LISTEN, and the routes. `close()` releases them.
 */

import type { OriginPolicy } from '../http/originPolicy.ts';
import type { ServerLogger } from '../log.ts';
import { KitchenFeed } from './kitchenFeed.ts';
import { migrate, readMigrations } from './migrations.ts';
import { openPglite, openPostgres, type OrderDatabase } from './orderDatabase.ts';
import { orderRoutes, type OrderRouteTable } from './orderRoutes.ts';
import type { OrderSettings } from './orderSettings.ts';
import { ORDERS_CHANNEL, OrderStore } from './orderStore.ts';

export interface OrderService {
  routes: OrderRouteTable;
  close(): Promise<void>;
}

export async function startOrderService(
  settings: OrderSettings,
  deps: { log: ServerLogger; originPolicy: OriginPolicy; testMode: boolean },
): Promise<OrderService> {
  const { log } = deps;
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
  return {
    routes: orderRoutes({ store, feed, originPolicy: deps.originPolicy, log, testMode: deps.testMode, ackDelayMs: settings.ackDelayMs }),
    close: async () => {
      feed.close();
      await db.close();
    },
  };
}
