package org.integrationhub.gateway.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Dictionary;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.integrationhub.api.HubEvent;
import org.integrationhub.api.Priority;
import org.integrationhub.gateway.ConfigurationKey;
import org.integrationhub.spi.IntegrationDescriptor;
import org.integrationhub.spi.IntegrationInterface;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads connector instance configurations into subscriptions and matches events against them. The one place that
 * knows the documented defaults of the keys every instance has (CONTRACT "Connector instances"): a configuration
 * without {@code integration.events} receives every ticket event ({@value #ALL}; {@code customer.updated} only when
 * listed); one without
 * {@code integration.min.priority} receives every priority. An instance whose {@code integration.events} is present
 * but empty subscribes to nothing, on purpose.
 */
final class Subscriptions {

    static final String ALL = "*";
    /** The subscription of an instance whose configuration has no {@code integration.events}. */
    static final Set<String> DEFAULT_EVENTS = Set.of(ALL);

    /**
     * The keys every instance has, whatever its connector's metatype declares (the gateway reads them from Config
     * Admin itself), with their documented defaults.
     */
    static final List<ConfigurationKey> COMMON_KEYS = List.of(
            new ConfigurationKey(IntegrationInterface.EVENTS_PROPERTY, "Events",
                    "Event types this instance receives (wire names such as ticket.created), or * for every ticket "
                            + "event (customer.updated only when listed); empty for none.",
                    "string", List.of(ALL), false, false, true, Map.of()),
            new ConfigurationKey(IntegrationInterface.MIN_PRIORITY_PROPERTY, "Minimum priority",
                    "Only events of tickets with at least this priority; empty for all.", "string", List.of(), false,
                    false, false, priorities()));

    private static final Logger LOGGER = LoggerFactory.getLogger(Subscriptions.class);

    private Subscriptions() {
    }

    /**
     * @param configurations (factory PID, properties) of every configuration carrying {@code integration.name}
     * @return the instances by name; configurations with an invalid name are skipped
     */
    static Map<String, ConfiguredInstances.Instance> read(Collection<Map.Entry<String, Dictionary<String, ?>>> configurations) {
        Map<String, ConfiguredInstances.Instance> out = new TreeMap<>();
        for (Map.Entry<String, Dictionary<String, ?>> c : configurations) {
            Dictionary<String, ?> p = c.getValue();
            Object name = p.get(IntegrationInterface.NAME_PROPERTY);
            if (!(name instanceof String n) || !IntegrationDescriptor.isValidName(n)) {
                continue;
            }
            Object type = p.get(IntegrationInterface.TYPE_PROPERTY);
            String factory = c.getKey() == null ? "" : c.getKey();
            out.put(n, new ConfiguredInstances.Instance(n, type == null ? typeOf(factory) : type.toString(), factory,
                    subscribedEvents(p), minPriority(n, p)));
        }
        return out;
    }

    /**
     * @param factoryPid a configuration's factory PID
     * @return the connector type it names: the part after {@value MetatypeConnectorTypes#PID_PREFIX} (CONTRACT:
     *         factory configuration {@code org.integrationhub.connector.<type>}), else the factory PID itself
     */
    static String typeOf(String factoryPid) {
        String prefix = MetatypeConnectorTypes.PID_PREFIX;
        return factoryPid.startsWith(prefix) && factoryPid.length() > prefix.length()
                ? factoryPid.substring(prefix.length()) : factoryPid;
    }

    private static Map<String, String> priorities() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Priority p : Priority.values()) {
            out.put(p.wireName(), p.wireName());
        }
        return out;
    }

    /**
     * @param configuration an instance's configuration properties
     * @return its event types: {@link #DEFAULT_EVENTS} when the key is missing, empty when it is present but empty
     */
    static Set<String> subscribedEvents(Dictionary<String, ?> configuration) {
        Object value = configuration.get(IntegrationInterface.EVENTS_PROPERTY);
        return value == null ? DEFAULT_EVENTS : events(value);
    }

    /**
     * @param name the instance name, for the warning
     * @param configuration an instance's configuration properties
     * @return its minimum priority, or null (the default: every priority) when the key is missing, empty or invalid
     *         (an invalid value is logged)
     */
    static Priority minPriority(String name, Dictionary<String, ?> configuration) {
        Object value = configuration.get(IntegrationInterface.MIN_PRIORITY_PROPERTY);
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        try {
            return Priority.fromWireName(value.toString().trim());
        } catch (IllegalArgumentException e) {
            LOGGER.warn("Integration {}: {} '{}' is not one of low, normal, high, urgent; events of every priority "
                    + "are delivered until it is corrected", name, IntegrationInterface.MIN_PRIORITY_PROPERTY, value);
            return null;
        }
    }

    /** Accepts a String (comma or space separated), String[] or Collection. */
    static Set<String> events(Object value) {
        List<String> raw = new ArrayList<>();
        if (value instanceof String s) {
            raw.addAll(Arrays.asList(s.split("[,\\s]+")));
        } else if (value instanceof String[] a) {
            for (String s : a) {
                raw.addAll(Arrays.asList(s.split("[,\\s]+")));
            }
        } else if (value instanceof Collection<?> col) {
            col.forEach(o -> raw.add(String.valueOf(o)));
        }
        Set<String> out = new LinkedHashSet<>();
        for (String s : raw) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    /**
     * @return the names of the instances that want the event. {@value #ALL} means every ticket event: connectors are
     *         written for events that carry a ticket, so {@code customer.updated} (no ticket, no priority) reaches only
     *         the instances that list it by name, whatever their minimum priority.
     */
    static List<String> match(Map<String, ConfiguredInstances.Instance> instances, HubEvent event) {
        List<String> out = new ArrayList<>();
        String type = event.type().wireName();
        boolean ticketEvent = event.type().isTicketEvent();
        Priority priority = ticketEvent ? event.ticket().priority() : null;
        for (ConfiguredInstances.Instance i : instances.values()) {
            boolean typeMatches = ticketEvent && i.events().contains(ALL) || i.events().contains(type);
            boolean priorityMatches = i.minPriority() == null || priority == null
                    || priority.compareTo(i.minPriority()) >= 0;
            if (typeMatches && priorityMatches) {
                out.add(i.name());
            }
        }
        return out;
    }
}
