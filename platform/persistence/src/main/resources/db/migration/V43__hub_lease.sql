-- Cluster-wide named leases (Leases, hub-persistence; IntegrationContext.acquireLease): the node that holds a
-- lease until lease_until does the periodic work it guards (e.g. a connector's metrics report) alone. A node takes
-- a free or expired lease, or renews its own, with one conditional UPDATE (row lock), or creates it with one
-- INSERT that the primary key lets only one node win. owner is the node id of one run of a hub process.
CREATE TABLE hub_lease (
    name         VARCHAR(200) NOT NULL,
    owner        VARCHAR(200) NOT NULL,
    lease_until  TIMESTAMP WITH TIME ZONE NOT NULL,
    acquired_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_hub_lease PRIMARY KEY (name)
);
