-- The delivery engine's nodes (NodeWatch, hub-delivery): each renews its row every few seconds. A row not renewed
-- for the node timeout belongs to a node that died: the first live node to see it gives that node's claimed
-- deliveries back to the claim path at once (instead of when each claim's lease runs out) and deletes the row.
CREATE TABLE delivery_node (
    node_name    VARCHAR(200) NOT NULL,
    alive_until  TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_delivery_node PRIMARY KEY (node_name)
);
