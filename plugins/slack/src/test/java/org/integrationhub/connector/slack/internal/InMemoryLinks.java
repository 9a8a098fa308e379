package org.integrationhub.connector.slack.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.integrationhub.spi.LinkStore;

/** A {@link LinkStore} in a map. */
final class InMemoryLinks implements LinkStore {

    final Map<String, String> values = new ConcurrentHashMap<>();

    @Override
    public Optional<String> get(String integrationName, String ticketId, String key) {
        return Optional.ofNullable(values.get(integrationName + "/" + ticketId + "/" + key));
    }

    @Override
    public void put(String integrationName, String ticketId, String key, String value) {
        values.put(integrationName + "/" + ticketId + "/" + key, value);
    }

    @Override
    public void remove(String integrationName, String ticketId, String key) {
        values.remove(integrationName + "/" + ticketId + "/" + key);
    }
}
