package org.integrationhub.delivery.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the delivery engine (PID {@code org.integrationhub.delivery}). */
@ObjectClassDefinition(name = "Integration Hub delivery engine",
        description = "Relays outbox events to subscribers (webhooks, connectors) and dispatches them durably.")
public @interface EngineConfig {

    @AttributeDefinition(name = "Node name", description = "Stable name of this hub node; leases it held before a "
            + "restart are released at start. Empty: host name + data directory.")
    String nodeName() default "";

    @AttributeDefinition(name = "Required subscriber kinds", description = "The relay does not advance while the "
            + "subscription source of one of these kinds is missing (so no event is skipped during a restart).")
    String[] requiredKinds() default {"webhook", "integration"};

    @AttributeDefinition(name = "Poll interval (ms)", description = "Safety-net polling; commits wake the engine.",
            min = "10")
    long pollIntervalMillis() default 1000;

    @AttributeDefinition(name = "Lease (s)", description = "How long a claimed delivery is reserved for one attempt; "
            + "must exceed every transport's timeout.", min = "1")
    long leaseSeconds() default 120;

    @AttributeDefinition(name = "Batch size", description = "Deliveries claimed / events relayed per transaction.",
            min = "1")
    int batchSize() default 200;

    @AttributeDefinition(name = "Max in flight", description = "Attempts in flight at once on this node.", min = "1")
    int maxInFlight() default 256;

    @AttributeDefinition(name = "Stalled subscriber: in flight", description = "A webhook endpoint or connector "
            + "with at least this many deliveries in flight on this node and no answer for the stall time is set "
            + "aside (a receiver that hangs until its timeout): what it holds stops counting against Max in flight, "
            + "so the others keep flowing, and its further deliveries wait until it answers again.", min = "1")
    int stallInFlight() default 64;

    @AttributeDefinition(name = "Stalled subscriber: time (s)", description = "See the previous setting.", min = "1")
    int stallSeconds() default 2;

    @AttributeDefinition(name = "Direct dispatch", description = "The node that relays an event leases its new "
            + "deliveries to itself and sends them at once, in order per ticket, instead of leaving every first "
            + "attempt to the claim query (several times the throughput; nodes sharing a database take turns at "
            + "relaying). Off: first attempts are claimed like retries.")
    boolean directDispatch() default true;

    @AttributeDefinition(name = "Absent subscriber recheck (s)", min = "1")
    long absentRecheckSeconds() default 10;

    @AttributeDefinition(name = "Absent subscriber retention (h)", description = "How long a delivery waits for a "
            + "subscriber that is absent (e.g. an uninstalled connector) before it fails.", min = "1")
    long absentRetentionHours() default 168;

    @AttributeDefinition(name = "Delivery log retention (days)", description = "Completed deliveries and their "
            + "attempts older than this are purged (hourly).", min = "1")
    int retentionDays() default 30;
}
