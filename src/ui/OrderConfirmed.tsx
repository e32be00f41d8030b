/** The confirmation screen: the order, its total, and the way to the next order. */

import { cartTotalCents } from '../../machines/cart.ts';
import { formatPrice } from '../menu/menu.ts';
import { useKiosk } from './kioskContext.tsx';
import { useVoiceSelector } from './voiceClientContext.tsx';

export function OrderConfirmed() {
  const kiosk = useKiosk();
  const cart = useVoiceSelector((snapshot) => snapshot.context.cart);
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
        <p>Please pay at the counter.</p>
        <button type="button" className="overlay__action" onClick={() => kiosk.send({ type: 'start' })} autoFocus>
          Start a new order
        </button>
      </div>
    </div>
  );
}
