/** The order as the assistant's tool calls built it: lines, options, prices, total. */

import { cartTotalCents, type CartLine } from '../../machines/cart.ts';
import { findModifier, formatPrice } from '../menu/menu.ts';
import { useVoiceSelector } from './voiceClientContext.tsx';

function lineLabel(line: CartLine): string {
  const size = line.size ? `${line.size[0]?.toUpperCase()}${line.size.slice(1)} ` : '';
  return `${size}${line.name}`;
}

export function CartPanel() {
  const cart = useVoiceSelector((snapshot) => snapshot.context.cart);
  const total = cartTotalCents(cart);
  return (
    <section className="cart" aria-labelledby="cart-heading" data-testid="cart" data-confirmed={cart.confirmed}>
      <h2 id="cart-heading">Your order</h2>
      {cart.lines.length === 0 ? (
        <p className="cart__empty">Nothing yet. Hold the button and say what you would like.</p>
      ) : (
        <ul className="cart__lines" aria-live="polite">
          {cart.lines.map((line) => (
            <li key={line.lineId} className="cart__line" data-testid="cart-line" data-item-id={line.itemId} data-quantity={line.quantity}>
              <span className="cart__quantity">{line.quantity} ×</span>
              <span className="cart__name">
                {lineLabel(line)}
                {line.modifiers.length > 0 && (
                  <span className="cart__modifiers">{line.modifiers.map((id) => findModifier(id)?.label ?? id).join(', ')}</span>
                )}
              </span>
              <span className="cart__price">{formatPrice(line.quantity * line.unitPriceCents)}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="cart__total">
        Total <span data-testid="cart-total">{formatPrice(total)}</span>
      </p>
    </section>
  );
}
