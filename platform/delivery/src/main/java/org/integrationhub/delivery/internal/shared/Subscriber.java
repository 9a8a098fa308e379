package org.integrationhub.delivery.internal.shared;

/** A subscriber of one kind (a webhook endpoint, a connector instance), as the engine counts its deliveries. */
public record Subscriber(String kind, String id) {

    /** @return {@code kind|id}, as the log shows it */
    @Override
    public String toString() {
        return kind + '|' + id;
    }
}
