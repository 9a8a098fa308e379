-- Delivery engine (hub-delivery): one delivery per (outbox event, subscriber), its attempts, the relay position.
-- Portable SQL (H2 2.x and PostgreSQL 12+).

-- One row; the relay locks it (FOR UPDATE) so only one node relays at a time. position: every outbox_event with
-- seq <= position has been relayed, except the seqs listed in delivery_relay_gap.
CREATE TABLE delivery_relay (
    id         INTEGER NOT NULL PRIMARY KEY,
    position   BIGINT  NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
-- Start after the events that exist already: subscribers see events from now on (replay reaches older ones).
INSERT INTO delivery_relay (id, position, updated_at)
    SELECT 1, COALESCE(MAX(seq), 0), CURRENT_TIMESTAMP FROM outbox_event;

-- Sequence numbers skipped by the relay because they were not visible yet (a transaction still in flight, or rolled
-- back); relayed if they appear, forgotten after a while.
CREATE TABLE delivery_relay_gap (
    seq        BIGINT NOT NULL PRIMARY KEY,
    noticed_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE delivery (
    id               VARCHAR(26)  NOT NULL PRIMARY KEY,
    kind             VARCHAR(32)  NOT NULL,
    subscriber_id    VARCHAR(64)  NOT NULL,
    event_id         VARCHAR(26)  NOT NULL,
    event_seq        BIGINT       NOT NULL,
    event_type       VARCHAR(64)  NOT NULL,
    ticket_id        VARCHAR(26)  NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    attempts         INTEGER      NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE,
    locked_until     TIMESTAMP WITH TIME ZONE,
    lease_owner      VARCHAR(200),
    last_attempt_at  TIMESTAMP WITH TIME ZONE,
    last_status_code INTEGER,
    last_error       VARCHAR(1000),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT delivery_event_subscriber_uq UNIQUE (kind, subscriber_id, event_id)
);
-- the dispatcher's claim query: due pending rows
CREATE INDEX delivery_due_idx ON delivery (status, next_attempt_at);
-- per-(subscriber, ticket) ordering check and the subscriber's log
CREATE INDEX delivery_order_idx ON delivery (kind, subscriber_id, ticket_id, event_seq);
CREATE INDEX delivery_log_idx ON delivery (kind, subscriber_id, id);
CREATE INDEX delivery_completed_idx ON delivery (completed_at);

CREATE TABLE delivery_attempt (
    id               VARCHAR(26)  NOT NULL PRIMARY KEY,
    delivery_id      VARCHAR(26)  NOT NULL REFERENCES delivery (id) ON DELETE CASCADE,
    attempt          INTEGER      NOT NULL,
    attempted_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    result           VARCHAR(32)  NOT NULL,
    status_code      INTEGER,
    duration_ms      BIGINT,
    error            VARCHAR(1000),
    response_excerpt VARCHAR(1000),
    next_attempt_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX delivery_attempt_delivery_idx ON delivery_attempt (delivery_id, attempted_at);
