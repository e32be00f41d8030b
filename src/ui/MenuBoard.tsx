/** The menu with prices, grouped by category, from the same menu the assistant orders from. */

import { CATEGORY_LABELS, MENU, formatPrice, type Category, type MenuItem } from '../menu/menu.ts';

function priceLabel(item: MenuItem): string {
  if (!item.sizes) return formatPrice(item.priceCents);
  const prices = Object.values(item.sizes);
  return `${formatPrice(Math.min(...prices))}–${formatPrice(Math.max(...prices))}`;
}

const CATEGORIES = Object.keys(CATEGORY_LABELS) as Category[];

export function MenuBoard() {
  return (
    <section className="menu" aria-labelledby="menu-heading">
      <h2 id="menu-heading">Menu</h2>
      <div className="menu__categories">
        {CATEGORIES.map((category) => (
          <div key={category} className="menu__category">
            <h3>{CATEGORY_LABELS[category]}</h3>
            <ul>
              {MENU.filter((item) => item.category === category).map((item) => (
                <li key={item.id} className="menu__item" data-testid="menu-item">
                  <span className="menu__name">{item.name}</span>
                  <span className="menu__price">{priceLabel(item)}</span>
                  <span className="menu__description">{item.description}</span>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}
