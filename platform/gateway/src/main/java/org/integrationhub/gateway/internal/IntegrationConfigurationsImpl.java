package org.integrationhub.gateway.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.integrationhub.api.ConflictException;
import org.integrationhub.api.NotFoundException;
import org.integrationhub.gateway.ConnectorType;
import org.integrationhub.gateway.InstanceConfiguration;
import org.integrationhub.gateway.IntegrationConfigurations;
import org.integrationhub.spi.IntegrationDescriptor;
import org.integrationhub.spi.IntegrationInterface;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.metatype.MetaTypeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link IntegrationConfigurations} over Config Admin. An instance is the named factory configuration
 * {@code <factory PID>~<name>} (what fileinstall makes of {@code etc/<factory PID>-<name>.cfg}); a new one is
 * written to that file first and then given to Config Admin with the file's name in
 * {@code felix.fileinstall.filename}, so fileinstall keeps the two in step from then on (writing back changes with
 * {@code felix.fileinstall.enableConfigSave}, Karaf's default) and the instance survives restarts as an operator's
 * file would. Outside Karaf (no {@code karaf.etc}) Config Admin alone persists it.
 */
@Component(service = IntegrationConfigurations.class)
public class IntegrationConfigurationsImpl implements IntegrationConfigurations {

    /** The property fileinstall keeps a configuration's file in. */
    static final String FILE_PROPERTY = "felix.fileinstall.filename";

    private final Logger logger = LoggerFactory.getLogger(IntegrationConfigurationsImpl.class);
    private final ConnectorTypes types;
    private final ConfigurationAdmin configurationAdmin;
    private final Path etc;

    /** The gateway's view of the configured instances, refreshed after each change made here. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ConfiguredInstances configured;

    @Activate
    public IntegrationConfigurationsImpl(BundleContext context, @Reference ConfigurationAdmin configurationAdmin,
            @Reference ServiceComponentRuntime components, @Reference MetaTypeService metaType) {
        this(new MetatypeConnectorTypes(context, components, metaType), configurationAdmin,
                context.getProperty("karaf.etc") == null ? null : Paths.get(context.getProperty("karaf.etc")));
    }

    /** @param etc the directory fileinstall watches for configurations, or null to keep them in Config Admin only */
    IntegrationConfigurationsImpl(ConnectorTypes types, ConfigurationAdmin configurationAdmin, Path etc) {
        this.types = types;
        this.configurationAdmin = configurationAdmin;
        this.etc = etc;
    }

    @Override
    public List<ConnectorType> types() {
        return types.installed().stream().map(ConnectorTypes.Installed::type).toList();
    }

    @Override
    public Optional<ConnectorType> type(String type) {
        return installed(type).map(ConnectorTypes.Installed::type);
    }

    @Override
    public Optional<InstanceConfiguration> instance(String name) {
        return find(name).map(c -> view(c, types.installed()));
    }

    @Override
    public synchronized InstanceConfiguration create(String type, String name, Map<String, String> values) {
        ConnectorTypes.Installed installed = installed(type).orElseThrow(() -> new NotFoundException(
                "No connector type '" + type + "' is installed; installed types: " + typeNames()));
        InstanceValues.checkName(name);
        find(name).ifPresent(c -> {
            throw new ConflictException("An integration named '" + name + "' exists already");
        });
        String factoryPid = installed.type().factoryPid();
        Path file = etc == null ? null : etc.resolve(factoryPid + "-" + name + ".cfg");
        if (file != null && Files.exists(file)) {
            throw new ConflictException("An integration named '" + name + "' exists already (file " + file + ")");
        }
        Map<String, String> stored = InstanceValues.check(installed, name, values, Map.of());
        try {
            Configuration config = configurationAdmin.getFactoryConfiguration(factoryPid, name, "?");
            if (config.getProperties() != null) {
                throw new ConflictException("An integration named '" + name + "' exists already");
            }
            Hashtable<String, Object> properties = new Hashtable<>(stored);
            if (file != null) {
                ConfigFiles.write(file, stored, "Connector instance '" + name + "' (" + type
                        + "), created through the hub (hub:integration-add, REST or web console)");
                properties.put(FILE_PROPERTY, file.toUri().toString());
            }
            config.update(properties);
            logger.info("Integration '{}' ({}) created{}", name, type, file == null ? "" : " in " + file);
            refreshListings();
            return view(config, List.of(installed));
        } catch (IOException e) {
            throw new UncheckedIOException("could not store the configuration of " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized InstanceConfiguration update(String name, Map<String, String> values) {
        Configuration config = find(name).orElseThrow(() -> unknown(name));
        ConnectorTypes.Installed installed = types.installed().stream()
                .filter(t -> t.type().factoryPid().equals(config.getFactoryPid())).findFirst()
                .orElseThrow(() -> new NotFoundException("The connector type of '" + name + "' (" + config.getFactoryPid()
                        + ") is not installed; edit its file in etc/ instead"));
        Dictionary<String, Object> current = config.getProperties();
        Map<String, String> secrets = new LinkedHashMap<>();
        installed.type().keys().stream().filter(k -> k.secret() && current.get(k.id()) != null)
                .forEach(k -> secrets.put(k.id(), text(current.get(k.id()))));
        Hashtable<String, Object> properties = new Hashtable<>(InstanceValues.check(installed, name, values, secrets));
        Object file = current.get(FILE_PROPERTY);
        if (file != null) {
            properties.put(FILE_PROPERTY, file);
        }
        try {
            config.update(properties);
        } catch (IOException e) {
            throw new UncheckedIOException("could not store the configuration of " + name + ": " + e.getMessage(), e);
        }
        logger.info("Integration '{}' ({}) changed", name, installed.type().type());
        refreshListings();
        return view(config, List.of(installed));
    }

    @Override
    public synchronized void remove(String name) {
        Configuration config = find(name).orElseThrow(() -> unknown(name));
        Object file = config.getProperties().get(FILE_PROPERTY);
        try {
            // the file first: fileinstall then has no file to bring the configuration back from
            if (file != null) {
                Files.deleteIfExists(Paths.get(URI.create(file.toString())));
            }
            config.delete();
        } catch (IllegalStateException e) {
            // fileinstall saw the file go and deleted the configuration first
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("could not delete the configuration of " + name + ": " + e.getMessage(), e);
        }
        logger.info("Integration '{}' removed", name);
        refreshListings();
    }

    private void refreshListings() {
        ConfiguredInstances c = configured;
        if (c != null) {
            c.refresh();
        }
    }

    private Optional<ConnectorTypes.Installed> installed(String type) {
        return types.installed().stream().filter(t -> t.type().type().equals(type)).findFirst();
    }

    private String typeNames() {
        List<String> names = types().stream().map(ConnectorType::type).toList();
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private static NotFoundException unknown(String name) {
        return new NotFoundException("No integration named '" + name + "' is configured");
    }

    /** @return the configuration of the instance of that name (integration.name), if any */
    private Optional<Configuration> find(String name) {
        if (!IntegrationDescriptor.isValidName(name)) {
            return Optional.empty();
        }
        try {
            Configuration[] found = configurationAdmin.listConfigurations(
                    "(" + IntegrationInterface.NAME_PROPERTY + "=" + name + ")");
            if (found == null) {
                return Optional.empty();
            }
            for (Configuration c : found) {
                if (c.getProperties() != null) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        } catch (IOException | InvalidSyntaxException e) {
            throw new IllegalStateException("could not read the configurations: " + e.getMessage(), e);
        }
    }

    private static InstanceConfiguration view(Configuration config, List<ConnectorTypes.Installed> installed) {
        Dictionary<String, Object> p = config.getProperties();
        String factoryPid = config.getFactoryPid();
        ConnectorTypes.Installed type = installed.stream()
                .filter(t -> t.type().factoryPid().equals(factoryPid)).findFirst().orElse(null);
        Map<String, String> values = new TreeMap<>();
        List<String> secrets = new ArrayList<>();
        for (Enumeration<String> keys = p.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            if (key.equals(Constants.SERVICE_PID) || key.equals(ConfigurationAdmin.SERVICE_FACTORYPID)
                    || key.equals(FILE_PROPERTY) || key.equals(IntegrationInterface.NAME_PROPERTY)) {
                continue;
            }
            boolean secret = key.startsWith(".")
                    || (type != null && type.type().key(key).map(k -> k.secret()).orElse(false));
            if (secret) {
                secrets.add(key);
            } else {
                values.put(key, text(p.get(key)));
            }
        }
        secrets.sort(null);
        Object file = p.get(FILE_PROPERTY);
        return new InstanceConfiguration(String.valueOf(p.get(IntegrationInterface.NAME_PROPERTY)),
                type == null ? factoryPid : type.type().type(), factoryPid, values, secrets,
                file == null ? null : file.toString());
    }

    /** @return a configuration value as an operator writes it: arrays and collections comma-separated */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value.getClass().isArray()) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                parts.add(String.valueOf(Array.get(value, i)));
            }
            return String.join(", ", parts);
        }
        if (value instanceof java.util.Collection<?> c) {
            return String.join(", ", c.stream().map(String::valueOf).toList());
        }
        return value.toString();
    }
}
