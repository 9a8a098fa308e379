-- Connector link state (LinkStore SPI, hub-links): e.g. the Slack message (channel, ts) of a ticket per Slack
-- instance. Owned by hub-links; Flyway versions 40-49 belong to the connector area.
CREATE TABLE integration_link (
    integration_name VARCHAR(64)   NOT NULL,
    ticket_id        VARCHAR(64)   NOT NULL,
    link_key         VARCHAR(100)  NOT NULL,
    link_value       VARCHAR(1000) NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_integration_link PRIMARY KEY (integration_name, ticket_id, link_key)
);
