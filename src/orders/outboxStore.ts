/**
 * The kiosk's order outbox in IndexedDB (through `idb`): a confirmed order is written
 * here before anything is sent, and leaves only when the server has acknowledged it.
 * A reload, a crash or a power cut between the two keeps it.
 */

import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { OrderLineRequest } from './orderTypes.ts';

export interface OutboxEntry {
  idempotencyKey: string;
  kioskId: string;
  lines: OrderLineRequest[];
  /** What the customer is told when the server is away: "order K-17". */
  localNumber: string;
  queuedAtMs: number;
  /** Set when the server refused the order (a 4xx): kept, not retried, shown to staff. */
  refusal: string | null;
}

interface OutboxSchema extends DBSchema {
  outbox: { key: string; value: OutboxEntry; indexes: { byQueuedAt: number } };
}

const DB_NAME = 'voice-kiosk-orders';

export class OutboxStore {
  private readonly db: IDBPDatabase<OutboxSchema>;

  private constructor(db: IDBPDatabase<OutboxSchema>) {
    this.db = db;
  }

  static async open(): Promise<OutboxStore> {
    const db = await openDB<OutboxSchema>(DB_NAME, 1, {
      upgrade(database) {
        const store = database.createObjectStore('outbox', { keyPath: 'idempotencyKey' });
        store.createIndex('byQueuedAt', 'queuedAtMs');
      },
    });
    return new OutboxStore(db);
  }

  /** Resolves once the transaction has committed: only then is the order safe. */
  async put(entry: OutboxEntry): Promise<void> {
    const tx = this.db.transaction('outbox', 'readwrite');
    await Promise.all([tx.store.put(entry), tx.done]);
  }

  async remove(idempotencyKey: string): Promise<void> {
    await this.db.delete('outbox', idempotencyKey);
  }

  /** Oldest first: orders reach the kitchen in the order customers confirmed them. */
  async all(): Promise<OutboxEntry[]> {
    return this.db.getAllFromIndex('outbox', 'byQueuedAt');
  }

  close(): void {
    this.db.close();
  }
}
