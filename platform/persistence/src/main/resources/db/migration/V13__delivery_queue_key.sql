-- Delivery engine (hub-delivery): fewer and cheaper index writes per delivery. Portable SQL (H2 2.x, PostgreSQL 12+).
--
-- queue_key is "kind|subscriber_id|ticket_id" while a delivery is PENDING and NULL once it is DELIVERED or FAILED
-- (the engine sets and clears it with the status). The per-(subscriber, ticket) ordering check of the claim ("no
-- earlier PENDING delivery of the same ticket") is one seek in delivery_queue_idx, and the index holds an ordered
-- entry only for open deliveries: a completed delivery's entry sits among the NULL keys in primary-key (creation)
-- order, so completing or logging a delivery appends near the end of the index instead of rewriting a page at a
-- random ticket's place among every delivery ever made. H2 has no partial indexes; this is the portable
-- equivalent of an index on (kind, subscriber_id, ticket_id, event_seq) WHERE status = 'PENDING'.
ALTER TABLE delivery ADD COLUMN queue_key VARCHAR(130);
UPDATE delivery SET queue_key = kind || '|' || subscriber_id || '|' || ticket_id WHERE status = 'PENDING';
CREATE INDEX delivery_queue_idx ON delivery (queue_key, event_seq);
DROP INDEX delivery_pending_order_idx;
-- Unused since V12 (the ordering check moved to the index above).
DROP INDEX delivery_order_idx;
-- The purge walks the primary key (ULIDs: creation order) instead.
DROP INDEX delivery_completed_idx;
