/** The kitchen display: open orders oldest first, each with its lines, kiosk and age, and "Done". */

import { useEffect, useState, useSyncExternalStore } from 'react';
import { formatPrice } from '../menu/menu.ts';
import type { StoredOrder } from '../orders/orderTypes.ts';
import type { KitchenConnection, KitchenSnapshot } from './kitchenConnection.ts';

/** The clock the ages are measured on, ticking once a second while the board is shown. */
function useNow(intervalMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

function formatAge(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

function LinkStatus({ snapshot, now }: { snapshot: KitchenSnapshot; now: number }) {
  if (snapshot.link === 'live') return <p className="kitchen__link kitchen__link--live" role="status">Live</p>;
  if (snapshot.link === 'refused') {
    return (
      <p className="kitchen__link kitchen__link--refused" role="alert">
        {snapshot.refusal}
      </p>
    );
  }
  const wait = snapshot.retryAtMs === null ? null : Math.max(0, Math.ceil((snapshot.retryAtMs - now) / 1000));
  return (
    <p className="kitchen__link kitchen__link--reconnecting" role="status">
      {snapshot.link === 'connecting' ? 'Connecting…' : `Reconnecting${wait !== null && wait > 0 ? ` in ${wait} s` : ''}… new orders will appear when the feed is back.`}
    </p>
  );
}

function OrderTicket({ order, now, onDone }: { order: StoredOrder; now: number; onDone: (id: number) => void }) {
  return (
    <li className="ticket" data-testid="kitchen-order" data-order-number={order.number} aria-labelledby={`order-${order.id}`}>
      <header className="ticket__head">
        <h2 id={`order-${order.id}`}>Order {order.number}</h2>
        <span className="ticket__age">{formatAge(now - order.createdAtMs)}</span>
      </header>
      <p className="ticket__kiosk">Kiosk {order.kioskId}</p>
      <ul className="ticket__lines">
        {order.lines.map((line, index) => (
          <li key={index} data-testid="kitchen-line">
            <span className="ticket__qty">{line.quantity} ×</span> {line.size ? `${line.size} ` : ''}
            {line.name}
            {line.modifiers.length > 0 && <span className="ticket__mods"> — {line.modifiers.map((modifier) => modifier.label).join(', ')}</span>}
          </li>
        ))}
      </ul>
      <footer className="ticket__foot">
        <span data-testid="kitchen-total">{formatPrice(order.totalCents)}</span>
        <button type="button" className="ticket__done" onClick={() => onDone(order.id)}>
          Done
        </button>
      </footer>
    </li>
  );
}

export function KitchenBoard({ feed }: { feed: KitchenConnection }) {
  const snapshot = useSyncExternalStore(feed.subscribe, feed.getSnapshot);
  const now = useNow();
  return (
    <div className="kitchen" data-link={snapshot.link}>
      <header className="kitchen__top">
        <h1>Kitchen orders</h1>
        <LinkStatus snapshot={snapshot} now={now} />
      </header>
      {snapshot.doneError && (
        <p className="kitchen__error" role="alert">
          {snapshot.doneError}
        </p>
      )}
      {snapshot.orders.length === 0 ? (
        <p className="kitchen__empty">No open orders.</p>
      ) : (
        <ol className="kitchen__orders" aria-label="Open orders, oldest first">
          {snapshot.orders.map((order) => (
            <OrderTicket key={order.id} order={order} now={now} onDone={(id) => void feed.markDone(id)} />
          ))}
        </ol>
      )}
      <aside className="kitchen__debug" data-testid="kitchen-debug" aria-label="Connection details">
        reconnects {snapshot.reconnects} · storms {snapshot.storms} · last event {snapshot.lastSeq ?? '–'}
      </aside>
    </div>
  );
}
