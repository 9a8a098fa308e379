-- Delivery engine (hub-delivery): indexes that let the dispatcher's claim stop after LIMIT rows instead of costing
-- O(backlog). Portable SQL (H2 2.x and PostgreSQL 12+).

-- The claim reads due PENDING rows in (next_attempt_at, event_seq) order straight off this index and stops at its
-- LIMIT (no sort of every due row); it replaces delivery_due_idx (status, next_attempt_at), its prefix.
CREATE INDEX delivery_claim_idx ON delivery (status, next_attempt_at, event_seq);
DROP INDEX delivery_due_idx;
-- The per-(subscriber, ticket) ordering check ("no earlier PENDING delivery of the same ticket") is one seek here,
-- whatever the number of completed deliveries of the ticket.
CREATE INDEX delivery_pending_order_idx ON delivery (kind, subscriber_id, ticket_id, status, event_seq);
