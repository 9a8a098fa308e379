package org.integrationhub.gateway.internal;

import java.util.Map;
import java.util.Set;

import org.integrationhub.api.Priority;

/** The connector instances that have a configuration in Config Admin, whether or not their bundle is present. */
interface ConfiguredInstances {

    /** A configured instance and its event subscription. */
    record Instance(String name, String type, Set<String> events, Priority minPriority) {
    }

    /** @return configured instances by name; a fast in-memory snapshot */
    Map<String, Instance> instances();
}
