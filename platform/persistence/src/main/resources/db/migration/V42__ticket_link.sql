-- Public ticket links (LinkStore.putLink, hub-links): the remote object a connector instance made for a ticket
-- (Jira issue, Slack thread, Trello card), listed at GET /api/v1/tickets/{id}/links and found again by its remote
-- key when the vendor calls back. One per (instance, ticket, type); a remote key belongs to one ticket per
-- (instance, type).
CREATE TABLE ticket_link (
    integration_name VARCHAR(64)   NOT NULL,
    ticket_id        VARCHAR(64)   NOT NULL,
    link_type        VARCHAR(40)   NOT NULL,
    remote_key       VARCHAR(200)  NOT NULL,
    url              VARCHAR(1000) NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_ticket_link PRIMARY KEY (integration_name, ticket_id, link_type),
    CONSTRAINT uq_ticket_link_key UNIQUE (integration_name, link_type, remote_key)
);
CREATE INDEX ix_ticket_link_ticket ON ticket_link (ticket_id);
