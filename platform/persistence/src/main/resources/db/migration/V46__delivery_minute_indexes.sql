-- DeliveryMetrics.perMinute (the console's dashboard): journal lines and attempts by their time, read for the last
-- minutes only instead of scanning the delivery log.
CREATE INDEX delivery_journal_written_idx ON delivery_journal (written_at);
CREATE INDEX delivery_attempt_time_idx ON delivery_attempt (attempted_at);
