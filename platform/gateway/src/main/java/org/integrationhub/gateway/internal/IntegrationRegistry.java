package org.integrationhub.gateway.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.integrationhub.gateway.IntegrationInfo;
import org.integrationhub.gateway.IntegrationStats;
import org.integrationhub.spi.HealthResult;
import org.integrationhub.spi.IntegrationDescriptor;
import org.integrationhub.spi.IntegrationInterface;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whiteboard's state, free of OSGi: integration services by name, operator policies by name, and the view
 * operators get ({@link IntegrationInfo}). Thread-safe.
 */
final class IntegrationRegistry {

    private final Logger logger = LoggerFactory.getLogger(IntegrationRegistry.class);
    private final Map<String, IntegrationEntry> entries = new ConcurrentHashMap<>();
    private final Map<String, PolicySettings> operatorPolicies = new ConcurrentHashMap<>();
    /** Connector types by the factory PID of their instances, as registered services showed them. */
    private final Map<String, String> typesByFactoryPid = new ConcurrentHashMap<>();
    private final Deadlines deadlines;

    IntegrationRegistry(Deadlines deadlines) {
        this.deadlines = deadlines;
    }

    /** @return the entry of a newly registered service, or null if its descriptor is unusable */
    IntegrationEntry add(IntegrationInterface service, String bundle) {
        return add(service, bundle, null);
    }

    /**
     * @param factoryPid the factory PID of the configuration the service was made from, or null; its type is then
     *        shown for every instance of that PID whose connector is absent
     * @return the entry of a newly registered service, or null if its descriptor is unusable
     */
    IntegrationEntry add(IntegrationInterface service, String bundle, String factoryPid) {
        IntegrationDescriptor descriptor;
        try {
            descriptor = service.descriptor();
        } catch (RuntimeException e) {
            logger.warn("Ignoring an integration service of {}: its descriptor failed", bundle, e);
            return null;
        }
        if (factoryPid != null && !factoryPid.isEmpty()) {
            typesByFactoryPid.put(factoryPid, descriptor.type());
        }
        IntegrationEntry entry = entries.computeIfAbsent(descriptor.name(), IntegrationEntry::new);
        synchronized (entry) {
            if (entry.policies == null) {
                // policies first: readers that see a registered service always find its policies
                entry.policies = new Policies(entry.name, operatorPolicies.getOrDefault(entry.name,
                        PolicySettings.DEFAULTS), descriptor.quota(), deadlines, entry.metrics);
            }
            entry.registered.add(new IntegrationEntry.Registered(service, descriptor, bundle));
            if (entry.registered.size() > 1) {
                logger.warn("Two integration services are named '{}'; the one of {} waits until the other leaves",
                        descriptor.name(), bundle);
            }
            rebuildPolicies(entry);
        }
        logger.info("Integration '{}' ({} {}) registered by {}", descriptor.name(), descriptor.type(),
                descriptor.version(), bundle);
        return entry;
    }

    void remove(IntegrationInterface service) {
        for (IntegrationEntry entry : entries.values()) {
            synchronized (entry) {
                if (entry.registered.removeIf(r -> r.service() == service)) {
                    logger.info("Integration '{}' unregistered", entry.name);
                    if (entry.current() != null) {
                        rebuildPolicies(entry);
                    }
                }
            }
        }
    }

    void setPolicy(String name, PolicySettings settings) {
        if (settings == null) {
            operatorPolicies.remove(name);
        } else {
            operatorPolicies.put(name, settings);
        }
        IntegrationEntry entry = entries.get(name);
        if (entry != null) {
            synchronized (entry) {
                rebuildPolicies(entry);
            }
        }
    }

    private void rebuildPolicies(IntegrationEntry entry) {
        IntegrationEntry.Registered current = entry.current();
        PolicySettings settings = operatorPolicies.getOrDefault(entry.name, PolicySettings.DEFAULTS);
        Policies old = entry.policies;
        if (current == null || (old != null && old.settings().equals(settings)
                && old.vendorQuota().equals(current.descriptor().quota()))) {
            return;
        }
        entry.policies = new Policies(entry.name, settings, current.descriptor().quota(), deadlines, entry.metrics);
    }

    IntegrationEntry entry(String name) {
        return entries.get(name);
    }

    List<IntegrationEntry> present() {
        return entries.values().stream().filter(e -> e.current() != null).toList();
    }

    /**
     * @param configured instances with a configuration, or null if unknown
     * @param queueDepth pending deliveries per integration name, or null if unknown
     * @return registered instances and configured-but-absent ones, by name
     */
    List<IntegrationInfo> list(Map<String, ConfiguredInstances.Instance> configured, Map<String, Long> queueDepth) {
        Map<String, IntegrationInfo> out = new TreeMap<>();
        for (IntegrationEntry entry : entries.values()) {
            boolean keep = entry.current() != null || configured == null || configured.containsKey(entry.name);
            if (keep) {
                out.put(entry.name, info(entry, configured, queueDepth));
            }
        }
        if (configured != null) {
            for (ConfiguredInstances.Instance i : configured.values()) {
                out.computeIfAbsent(i.name(), n -> new IntegrationInfo(n, type(i), "", "", StatusModel.ABSENT.status(),
                        StatusModel.ABSENT.detail(), List.of(), emptyStats(depth(queueDepth, n)), events(i),
                        minPriority(i)));
            }
        }
        return new ArrayList<>(out.values());
    }

    Optional<IntegrationInfo> get(String name, Map<String, ConfiguredInstances.Instance> configured,
            Map<String, Long> queueDepth) {
        return list(configured, queueDepth).stream().filter(i -> i.name().equals(name)).findFirst();
    }

    private IntegrationInfo info(IntegrationEntry entry, Map<String, ConfiguredInstances.Instance> configured,
            Map<String, Long> queueDepth) {
        IntegrationEntry.Registered r = entry.current();
        HealthResult status = StatusModel.of(entry);
        Policies p = entry.policies;
        CallMetrics m = entry.metrics;
        IntegrationStats stats = new IntegrationStats(m.calls(), m.successes(), m.failures(), m.histogram(),
                m.quantileMillis(0.5), m.quantileMillis(0.99), r == null || p == null ? 0 : p.inFlight(),
                depth(queueDepth, entry.name), p == null ? "CLOSED" : p.circuitState().name(), m.latencySumMillis());
        ConfiguredInstances.Instance c = configured == null ? null : configured.get(entry.name);
        if (r == null) {
            return new IntegrationInfo(entry.name, c == null ? "" : type(c), "", "", status.status(),
                    status.detail(), List.of(), stats, events(c), minPriority(c));
        }
        IntegrationDescriptor d = r.descriptor();
        return new IntegrationInfo(d.name(), d.type(), d.version(), r.bundle(), status.status(), status.detail(),
                d.actions(), stats, events(c), minPriority(c));
    }

    /** @return the type of a configured instance whose connector is absent: as its running instances showed it */
    private String type(ConfiguredInstances.Instance configured) {
        return typesByFactoryPid.getOrDefault(configured.factoryPid(), configured.type());
    }

    /** @return the configured subscription, sorted; empty without a configuration (nothing is routed then) */
    private static List<String> events(ConfiguredInstances.Instance configured) {
        return configured == null ? List.of() : configured.events().stream().sorted().toList();
    }

    private static String minPriority(ConfiguredInstances.Instance configured) {
        return configured == null || configured.minPriority() == null ? null : configured.minPriority().wireName();
    }

    private static long depth(Map<String, Long> queueDepth, String name) {
        return queueDepth == null ? -1 : queueDepth.getOrDefault(name, 0L);
    }

    private static IntegrationStats emptyStats(long depth) {
        CallMetrics m = new CallMetrics();
        return new IntegrationStats(0, 0, Map.of(), m.histogram(), 0, 0, 0, depth, "CLOSED");
    }
}
