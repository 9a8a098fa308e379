package org.integrationhub.gateway.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.integrationhub.spi.HealthResult;
import org.integrationhub.spi.IntegrationDescriptor;
import org.integrationhub.spi.IntegrationInterface;

/** The gateway's state of one integration name: the registered service (if any), policies, metrics, health. */
final class IntegrationEntry {

    /** One registered service for this name. */
    record Registered(IntegrationInterface service, IntegrationDescriptor descriptor, String bundle) {
    }

    final String name;
    final CallMetrics metrics = new CallMetrics();
    /** Services registered under this name; the first one serves, later ones wait (duplicate names). */
    final List<Registered> registered = new CopyOnWriteArrayList<>();
    volatile Policies policies;
    volatile HealthResult health;

    IntegrationEntry(String name) {
        this.name = name;
    }

    /** @return the serving service, or null while the connector is absent */
    Registered current() {
        List<Registered> r = registered;
        return r.isEmpty() ? null : r.get(0);
    }
}
