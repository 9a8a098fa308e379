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
import org.integrationhub.spi.IntegrationInterface;

/** Reads connector instance configurations into subscriptions and matches events against them. */
final class Subscriptions {

    static final String ALL = "*";

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
            if (!(name instanceof String n) || !org.integrationhub.spi.IntegrationDescriptor.isValidName(n)) {
                continue;
            }
            Object type = p.get(IntegrationInterface.TYPE_PROPERTY);
            Priority min = null;
            Object minValue = p.get(IntegrationInterface.MIN_PRIORITY_PROPERTY);
            if (minValue != null && !minValue.toString().isBlank()) {
                min = Priority.fromWireName(minValue.toString().trim());
            }
            String factory = c.getKey() == null ? "" : c.getKey();
            out.put(n, new ConfiguredInstances.Instance(n, type == null ? factory : type.toString(),
                    events(p.get(IntegrationInterface.EVENTS_PROPERTY)), min));
        }
        return out;
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

    /** @return the names of the instances that want the event */
    static List<String> match(Map<String, ConfiguredInstances.Instance> instances, HubEvent event) {
        List<String> out = new ArrayList<>();
        String type = event.type().wireName();
        Priority priority = event.ticket().priority();
        for (ConfiguredInstances.Instance i : instances.values()) {
            boolean typeMatches = i.events().contains(ALL) || i.events().contains(type);
            boolean priorityMatches = i.minPriority() == null || priority == null
                    || priority.compareTo(i.minPriority()) >= 0;
            if (typeMatches && priorityMatches) {
                out.add(i.name());
            }
        }
        return out;
    }
}
