-- Orders, one row per idempotency key: a resent or raced order finds its first row.
CREATE TABLE orders (
  id bigserial PRIMARY KEY,
  idempotency_key text NOT NULL UNIQUE,
  -- The canonical request, so the same key with a different order is refused, not merged.
  request_fingerprint text NOT NULL,
  kiosk_id text NOT NULL,
  order_number integer NOT NULL,
  lines jsonb NOT NULL,
  total_cents integer NOT NULL CHECK (total_cents >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  done_at timestamptz
);

CREATE INDEX orders_open ON orders (id) WHERE done_at IS NULL;

-- What the kitchen display replays: every order made and every order done, in the
-- order they were committed (writers serialise on an advisory lock, see orderStore.ts).
CREATE TABLE order_events (
  seq bigserial PRIMARY KEY,
  order_id bigint NOT NULL REFERENCES orders (id),
  kind text NOT NULL CHECK (kind IN ('created', 'done'))
);
