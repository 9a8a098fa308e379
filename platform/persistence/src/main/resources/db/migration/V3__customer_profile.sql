-- Customers worth enriching (hub-api 0.3.0, issue 16): company, phone, a last-change time and free-form attributes.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 12+.

-- NULL: unknown (the API's "" clears a value back to NULL).
ALTER TABLE customer ADD COLUMN company VARCHAR(255);
ALTER TABLE customer ADD COLUMN phone VARCHAR(64);
-- When the customer last changed through the customer API or a connector; NULL means never since creation (the
-- core reads it as created_at). Nullable rather than back-filled, so the migration touches no existing row and
-- rows written without it (older code, benchmark fills) stay valid.
ALTER TABLE customer ADD COLUMN updated_at TIMESTAMP WITH TIME ZONE;

-- Attributes as rows, like customer_external_id, not as a JSON text column: the core changes them key by key
-- (merge-patch), both databases index and constrain them the same way, and no JSON is parsed to read one.
-- Keys are 1-100 of [A-Za-z0-9_.:-] (namespaced per connector, e.g. hubspot.lifecycle_stage); at most 100 per
-- customer; values up to 1000 characters (checked by the core). The columns are prefixed: VALUE and KEY are H2
-- keywords.
CREATE TABLE customer_attribute (
    customer_id VARCHAR(26)   NOT NULL REFERENCES customer (id),
    attr_key    VARCHAR(100)  NOT NULL,
    attr_value  VARCHAR(1000) NOT NULL,
    PRIMARY KEY (customer_id, attr_key)
);
