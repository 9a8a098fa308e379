-- Delivery engine (hub-delivery): the delivery journal. Portable SQL (H2 2.x and PostgreSQL 12+).
--
-- A delivery the relay hands straight to its transport (direct dispatch) gets no row of its own while it is in flight:
-- the relay's position stays behind the first event that still has such a delivery unsettled, so a crash sends it
-- again after the restart. When its first attempt succeeds it is recorded here, as one line of an appended journal
-- row that holds a write batch's successes for one subscriber; any other outcome (a retry, a failure, a delivery
-- handed back unsent) is written as a delivery row, as before. The log API reads both.
CREATE TABLE delivery_journal (
    id            VARCHAR(26)  NOT NULL PRIMARY KEY,
    kind          VARCHAR(32)  NOT NULL,
    subscriber_id VARCHAR(64)  NOT NULL,
    -- 40 bits of SHA-256(kind|subscriber_id), as in the subscriber's delivery ids: a delivery is found by its id
    subscriber_hash BIGINT     NOT NULL,
    -- the smallest and largest delivery id (ULID) and event sequence among the entries
    min_id        VARCHAR(26)  NOT NULL,
    max_id        VARCHAR(26)  NOT NULL,
    min_seq       BIGINT       NOT NULL,
    max_seq       BIGINT       NOT NULL,
    entries       INTEGER      NOT NULL,
    written_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    -- one line per delivery, tab-separated (see JournalEntry in hub-delivery)
    records       VARCHAR(1000000) NOT NULL
);
-- a subscriber's log, newest first; with entries, its count without reading the records
CREATE INDEX delivery_journal_log_idx ON delivery_journal (kind, subscriber_id, max_id, entries);
-- a delivery by id (its id carries its subscriber's hash and its event sequence)
CREATE INDEX delivery_journal_find_idx ON delivery_journal (subscriber_hash, max_seq);
-- what a relay taking over must not send again
CREATE INDEX delivery_journal_seq_idx ON delivery_journal (max_seq);

-- The relay runs on one node at a time, under a lease: its node keeps the deliveries it sends directly in memory.
ALTER TABLE delivery_relay ADD COLUMN owner VARCHAR(200);
ALTER TABLE delivery_relay ADD COLUMN lease_until TIMESTAMP WITH TIME ZONE;
-- The last event a replay made a delivery row for: up to it, the relay looks for a row before it sends one rowless.
ALTER TABLE delivery_relay ADD COLUMN rows_ahead BIGINT DEFAULT 0 NOT NULL;
