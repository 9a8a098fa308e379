package org.integrationhub.gateway.internal;

import java.util.Map;
import java.util.Set;

import org.integrationhub.api.Priority;

/** The connector instances that have a configuration in Config Admin, whether or not their bundle is present. */
interface ConfiguredInstances {

    /**
     * A configured instance and its event subscription.
     *
     * @param name the instance name
     * @param type its connector type as far as the configuration tells: {@code integration.type} if given, else the
     *        factory PID's part after {@code org.integrationhub.connector.} (CONTRACT "Connector instances")
     * @param factoryPid the factory PID of its configuration ("" if none)
     * @param events the event types it receives
     * @param minPriority the minimum ticket priority, or null for all
     */
    record Instance(String name, String type, String factoryPid, Set<String> events, Priority minPriority) {
    }

    /** @return configured instances by name; a fast in-memory snapshot */
    Map<String, Instance> instances();

    /**
     * Reads the configurations again now, when the hub itself has just created, changed or deleted one: the
     * listings then show the change as soon as the call that made it returns, not only once Config Admin's
     * asynchronous event arrives.
     */
    void refresh();
}
