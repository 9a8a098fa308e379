package org.integrationhub.delivery.internal;

import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import org.integrationhub.persistence.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes PostgreSQL's planner statistics of the delivery table right after a large relay burst. Without it, a table
 * that was nearly empty at the last autovacuum analyze gets row estimates of 1, and the planner picks plans for the
 * claim that cost seconds per claim over a backlog of thousands until autovacuum catches up (about a minute). H2 keeps
 * no such statistics: nothing to do there. The analyze runs on the executor, never on the pump that relays (an
 * ANALYZE of a large table takes long enough to show in the delivery latency).
 */
final class Statistics {

    /** Outbox events relayed since the last analyze that make the statistics worth refreshing. */
    static final int BURST = 1000;
    private static final Duration MIN_INTERVAL = Duration.ofSeconds(10);

    private final Logger logger = LoggerFactory.getLogger(Statistics.class);
    private final Database db;
    private final Clock clock;
    private final Executor executor;
    private final AtomicBoolean running = new AtomicBoolean();
    private int relayedSinceAnalyze;
    private Instant lastAnalyze = Instant.MIN;

    Statistics(Database db, Clock clock, Executor executor) {
        this.db = db;
        this.clock = clock;
        this.executor = executor;
    }

    /** Called by the (single) pump thread after relaying; analyzes when a burst was relayed. */
    void relayed(int events) {
        if (db.dialect() != Database.Dialect.POSTGRESQL) {
            return;
        }
        relayedSinceAnalyze += events;
        Instant now = clock.instant();
        if (relayedSinceAnalyze < BURST || now.isBefore(lastAnalyze.plus(MIN_INTERVAL))) {
            return;
        }
        relayedSinceAnalyze = 0;
        lastAnalyze = now;
        if (running.compareAndSet(false, true)) {
            executor.execute(this::analyze);
        }
    }

    private void analyze() {
        try {
            db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("ANALYZE delivery");
                }
                return null;
            });
            logger.debug("Analyzed the delivery table after relaying a burst");
        } catch (RuntimeException e) {
            logger.warn("Could not analyze the delivery table: {}", e.toString());
        } finally {
            running.set(false);
        }
    }
}
