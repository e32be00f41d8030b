/**
 * The confirmation screen: the order, its total, where it stands on its way to the
 * kitchen (sending, its number, or saved here with a number to tell the counter), and
 * the way to the next order, which never waits for the sending.
 */

import { cartTotalCents } from '../../machines/cart.ts';
import { formatPrice } from '../menu/menu.ts';
import type { OutboxOrder } from '../orders/orderOutbox.ts';
import { useKiosk, useOutboxSnapshot } from './kioskContext.tsx';
import { useVoiceSelector } from './voiceClientContext.tsx';

function DeliveryStatus({ order }: { order: OutboxOrder | null }) {
  if (!order) return <p>Please pay at the counter.</p>;
  const { delivery, localNumber } = order;
  switch (delivery.state) {
    case 'sending':
      return <p className="overlay__delivery" data-delivery="sending">Sending your order…</p>;
    case 'sent':
      return (
        <>
          <p className="overlay__number" data-delivery="sent" data-testid="order-number">
            Order {delivery.number}
          </p>
          <p>Please pay at the counter.</p>
        </>
      );
    case 'queued':
      return (
        <p className="overlay__delivery" data-delivery="queued">
          Your order is saved and will be sent — please tell the counter: order <strong data-testid="local-order-number">{localNumber}</strong>
        </p>
      );
    case 'refused':
      return (
        <p className="overlay__delivery overlay__delivery--refused" data-delivery="refused">
          The kitchen could not take this order ({delivery.message}) — please tell the counter: order{' '}
          <strong data-testid="local-order-number">{localNumber}</strong>
        </p>
      );
  }
}

export function OrderConfirmed() {
  const kiosk = useKiosk();
  const cart = useVoiceSelector((snapshot) => snapshot.context.cart);
  const { latest } = useOutboxSnapshot();
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="confirmed-heading" data-testid="order-confirmed">
      <div className="overlay__card">
        <h2 id="confirmed-heading">Thank you! Your order is confirmed.</h2>
        <ul className="overlay__lines">
          {cart.lines.map((line) => (
            <li key={line.lineId}>
              {line.quantity} × {line.size ? `${line.size} ` : ''}
              {line.name}
            </li>
          ))}
        </ul>
        <p className="overlay__total">Total {formatPrice(cartTotalCents(cart))}</p>
        <div aria-live="polite" data-testid="order-delivery">
          <DeliveryStatus order={latest} />
        </div>
        <button type="button" className="overlay__action" onClick={() => kiosk.send({ type: 'start' })} autoFocus>
          Start a new order
        </button>
      </div>
    </div>
  );
}
