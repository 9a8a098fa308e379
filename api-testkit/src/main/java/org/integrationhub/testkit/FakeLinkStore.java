package org.integrationhub.testkit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.integrationhub.spi.LinkStore;
import org.integrationhub.spi.TicketLink;

/**
 * A {@link LinkStore} in memory with the platform's rules: values of at most 1000 characters under keys of 1 to 100,
 * one link per instance, ticket and type, and a remote key belonging to one ticket per instance and type (linking it
 * to another ticket moves it).
 *
 * @since 0.2.0
 */
public final class FakeLinkStore implements LinkStore {

    private final Map<List<String>, String> values = new ConcurrentHashMap<>();
    private final Map<List<String>, TicketLink> links = new ConcurrentHashMap<>();

    @Override
    public Optional<String> get(String integrationName, String ticketId, String key) {
        return Optional.ofNullable(values.get(List.of(integrationName, ticketId, key)));
    }

    @Override
    public void put(String integrationName, String ticketId, String key, String value) {
        if (key == null || key.isEmpty() || key.length() > 100) {
            throw new IllegalArgumentException("link key must be 1 to 100 characters");
        }
        if (value == null || value.length() > 1000) {
            throw new IllegalArgumentException("link value must be at most 1000 characters");
        }
        values.put(List.of(integrationName, ticketId, key), value);
    }

    @Override
    public void remove(String integrationName, String ticketId, String key) {
        values.remove(List.of(integrationName, ticketId, key));
    }

    @Override
    public synchronized void putLink(TicketLink link) {
        links.values().removeIf(l -> l.integration().equals(link.integration()) && l.type().equals(link.type())
                && l.key().equals(link.key()));
        links.put(List.of(link.integration(), link.ticketId(), link.type()), link);
    }

    @Override
    public Optional<TicketLink> link(String integrationName, String ticketId, String type) {
        return Optional.ofNullable(links.get(List.of(integrationName, ticketId, type)));
    }

    @Override
    public Optional<TicketLink> findByKey(String integrationName, String type, String key) {
        return links.values().stream().filter(l -> l.integration().equals(integrationName) && l.type().equals(type)
                && l.key().equals(key)).findFirst();
    }

    @Override
    public List<TicketLink> links(String ticketId) {
        List<TicketLink> out = new ArrayList<>();
        links.values().stream().filter(l -> l.ticketId().equals(ticketId)).forEach(out::add);
        out.sort(Comparator.comparing(TicketLink::integration).thenComparing(TicketLink::type));
        return out;
    }

    @Override
    public void removeLink(String integrationName, String ticketId, String type) {
        links.remove(List.of(integrationName, ticketId, type));
    }

    /** @return every value stored so far, keyed {@code integration/ticket/key}, for assertions */
    public Map<String, String> values() {
        Map<String, String> out = new java.util.TreeMap<>();
        values.forEach((k, v) -> out.put(String.join("/", k), v));
        return out;
    }
}
