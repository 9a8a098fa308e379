-- Ticket metrics (GET /api/v1/metrics/tickets, hub:ticket-stats) from indexes only, so that one call stays fast
-- with millions of tickets: each figure is an index-range count over a small part of the table.

-- Whether the ticket was resolved after its SLA due time (resolved_at > sla_due_at), written by the core with
-- resolved_at. A comparison of two columns cannot use an index; this flag can.
ALTER TABLE ticket ADD COLUMN resolved_late BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE ticket SET resolved_late = TRUE WHERE resolved_at IS NOT NULL AND resolved_at > sla_due_at;

-- open and overdue per priority: the active tickets (status open/pending) with their priority and SLA due time.
CREATE INDEX ticket_active_metrics_idx ON ticket (status, priority, sla_due_at);
-- SLA breached by late resolution, per priority.
CREATE INDEX ticket_resolved_late_idx ON ticket (resolved_late, priority);
-- The average resolution time of the last hour: the tickets resolved in the window, with what the average needs.
CREATE INDEX ticket_resolved_at_idx ON ticket (resolved_at, priority, created_at);
