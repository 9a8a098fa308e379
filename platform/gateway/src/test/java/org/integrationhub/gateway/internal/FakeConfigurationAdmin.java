package org.integrationhub.gateway.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * An in-memory Config Admin with the behaviour the hub relies on: named factory configurations
 * ({@code factoryPid~name}), properties null until the first update, service.pid/service.factoryPid added on update,
 * filters matched with the framework's own filter implementation, delete twice refused.
 */
final class FakeConfigurationAdmin implements ConfigurationAdmin {

    final Map<String, FakeConfiguration> configurations = new ConcurrentHashMap<>();
    private final AtomicInteger generated = new AtomicInteger();

    /** Adds a configuration as if fileinstall had read it from a file. */
    FakeConfiguration put(String factoryPid, String name, Map<String, Object> properties) {
        FakeConfiguration c = (FakeConfiguration) getFactoryConfiguration(factoryPid, name, "?");
        c.update(new Hashtable<>(properties));
        return c;
    }

    @Override
    public Configuration createFactoryConfiguration(String factoryPid) {
        return getFactoryConfiguration(factoryPid, "generated" + generated.incrementAndGet(), null);
    }

    @Override
    public Configuration createFactoryConfiguration(String factoryPid, String location) {
        return createFactoryConfiguration(factoryPid);
    }

    @Override
    public Configuration getConfiguration(String pid, String location) {
        return getConfiguration(pid);
    }

    @Override
    public Configuration getConfiguration(String pid) {
        return configurations.computeIfAbsent(pid, p -> new FakeConfiguration(p, null));
    }

    @Override
    public Configuration getFactoryConfiguration(String factoryPid, String name, String location) {
        return configurations.computeIfAbsent(factoryPid + "~" + name, p -> new FakeConfiguration(p, factoryPid));
    }

    @Override
    public Configuration getFactoryConfiguration(String factoryPid, String name) {
        return getFactoryConfiguration(factoryPid, name, null);
    }

    @Override
    public Configuration[] listConfigurations(String filter) throws InvalidSyntaxException {
        Filter f = filter == null ? null : FrameworkUtil.createFilter(filter);
        List<Configuration> out = new ArrayList<>();
        for (FakeConfiguration c : configurations.values()) {
            if (c.properties != null && (f == null || f.match(c.properties))) {
                out.add(c);
            }
        }
        return out.isEmpty() ? null : out.toArray(new Configuration[0]);
    }

    /** One configuration. */
    final class FakeConfiguration implements Configuration {
        private final String pid;
        private final String factoryPid;
        volatile Hashtable<String, Object> properties;
        private volatile boolean deleted;
        private long changes;

        FakeConfiguration(String pid, String factoryPid) {
            this.pid = pid;
            this.factoryPid = factoryPid;
        }

        private void alive() {
            if (deleted) {
                throw new IllegalStateException("Configuration " + pid + " deleted");
            }
        }

        @Override
        public String getPid() {
            return pid;
        }

        @Override
        public Dictionary<String, Object> getProperties() {
            alive();
            return properties == null ? null : new Hashtable<>(properties);
        }

        @Override
        public Dictionary<String, Object> getProcessedProperties(ServiceReference<?> reference) {
            return getProperties();
        }

        @Override
        public void update(Dictionary<String, ?> update) {
            alive();
            Hashtable<String, Object> p = new Hashtable<>();
            for (var keys = update.keys(); keys.hasMoreElements();) {
                String k = keys.nextElement();
                p.put(k, update.get(k));
            }
            p.put("service.pid", pid);
            if (factoryPid != null) {
                p.put("service.factoryPid", factoryPid);
            }
            properties = p;
            changes++;
        }

        @Override
        public void delete() {
            alive();
            deleted = true;
            configurations.remove(pid);
        }

        @Override
        public String getFactoryPid() {
            return factoryPid;
        }

        @Override
        public void update() {
            changes++;
        }

        @Override
        public boolean updateIfDifferent(Dictionary<String, ?> update) {
            update(update);
            return true;
        }

        @Override
        public void setBundleLocation(String location) {
        }

        @Override
        public String getBundleLocation() {
            return null;
        }

        @Override
        public long getChangeCount() {
            return changes;
        }

        @Override
        public void addAttributes(ConfigurationAttribute... attrs) {
        }

        @Override
        public Set<ConfigurationAttribute> getAttributes() {
            return Collections.unmodifiableSet(EnumSet.noneOf(ConfigurationAttribute.class));
        }

        @Override
        public void removeAttributes(ConfigurationAttribute... attrs) {
        }
    }
}
