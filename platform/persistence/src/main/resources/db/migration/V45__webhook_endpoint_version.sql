-- One number that every change of webhook_endpoint raises in its own transaction (hub-webhooks). Each node caches
-- the endpoints; the relay reads this row before it asks a batch's subscribers, and a node whose cache is older
-- reloads it first, so an endpoint created on any node receives every event committed after it.
CREATE TABLE webhook_endpoint_version (
    id       INTEGER NOT NULL,
    version  BIGINT  NOT NULL,
    CONSTRAINT pk_webhook_endpoint_version PRIMARY KEY (id)
);
INSERT INTO webhook_endpoint_version (id, version) VALUES (1, 0);
