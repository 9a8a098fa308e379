package org.integrationhub.gateway.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import org.integrationhub.gateway.ConfigurationKey;
import org.integrationhub.gateway.ConnectorType;
import org.integrationhub.spi.IntegrationInterface;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * The installed connector types, read from the framework on each call: every active bundle's Declarative Services
 * components that provide {@link IntegrationInterface} with an {@code integration.type} property and a configuration
 * PID under {@value #PID_PREFIX}, whose bundle's metatype describes that PID as a factory PID.
 */
final class MetatypeConnectorTypes implements ConnectorTypes {

    static final String PID_PREFIX = "org.integrationhub.connector.";
    /** Metatype attributes that are hints to the Felix web console, not configuration of the connector. */
    private static final Set<String> HINTS = Set.of("webconsole.configurationFactory.nameHint");

    private final BundleContext context;
    private final ServiceComponentRuntime components;
    private final MetaTypeService metaType;

    MetatypeConnectorTypes(BundleContext context, ServiceComponentRuntime components, MetaTypeService metaType) {
        this.context = context;
        this.components = components;
        this.metaType = metaType;
    }

    @Override
    public List<Installed> installed() {
        Map<String, Installed> byType = new TreeMap<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getState() != Bundle.ACTIVE) {
                continue;
            }
            for (ComponentDescriptionDTO c : components.getComponentDescriptionDTOs(bundle)) {
                Object type = c.properties == null ? null : c.properties.get(IntegrationInterface.TYPE_PROPERTY);
                boolean connector = c.serviceInterfaces != null
                        && Arrays.asList(c.serviceInterfaces).contains(IntegrationInterface.class.getName());
                if (!connector || !(type instanceof String t) || c.configurationPid == null
                        || c.configurationPid.length == 0 || !c.configurationPid[0].startsWith(PID_PREFIX)) {
                    continue;
                }
                Installed found = describe(bundle, t, c.configurationPid[0]);
                if (found != null) {
                    byType.putIfAbsent(t, found);
                }
            }
        }
        return new ArrayList<>(byType.values());
    }

    private Installed describe(Bundle bundle, String type, String factoryPid) {
        MetaTypeInformation info = metaType.getMetaTypeInformation(bundle);
        if (info == null || !Arrays.asList(info.getFactoryPids()).contains(factoryPid)) {
            return null;
        }
        ObjectClassDefinition ocd = info.getObjectClassDefinition(factoryPid, Locale.ENGLISH.toString());
        if (ocd == null) {
            return null;
        }
        Set<String> required = ids(ocd.getAttributeDefinitions(ObjectClassDefinition.REQUIRED));
        AttributeDefinition[] all = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        List<ConfigurationKey> keys = new ArrayList<>();
        Map<String, UnaryOperator<String>> checks = new HashMap<>();
        for (AttributeDefinition ad : all == null ? new AttributeDefinition[0] : all) {
            if (HINTS.contains(ad.getID())) {
                continue;
            }
            ConfigurationKey common = common(ad.getID());
            if (common != null) {
                // the platform reads these keys itself, with its own defaults, whatever the metatype declares
                keys.add(new ConfigurationKey(common.id(), ad.getName(), ad.getDescription(), common.type(),
                        common.defaults(), false, false, common.multiple(), common.options()));
                continue;
            }
            List<String> defaults = ad.getDefaultValue() == null ? List.of() : List.of(ad.getDefaultValue());
            keys.add(new ConfigurationKey(ad.getID(), ad.getName(), ad.getDescription(), typeName(ad.getType()),
                    defaults, required.contains(ad.getID()) && defaults.isEmpty(),
                    ad.getID().startsWith(".") || ad.getType() == AttributeDefinition.PASSWORD,
                    ad.getCardinality() != 0, options(ad)));
            checks.put(ad.getID(), value -> {
                String message = ad.validate(value);
                return message == null || message.isEmpty() ? null : message;
            });
        }
        for (ConfigurationKey common : Subscriptions.COMMON_KEYS) {
            if (keys.stream().noneMatch(k -> k.id().equals(common.id()))) {
                keys.add(common);
            }
        }
        String bundleName = bundle.getSymbolicName() + "/" + bundle.getVersion();
        return new Installed(new ConnectorType(type, factoryPid, bundleName, ocd.getName(), ocd.getDescription(),
                keys), checks);
    }

    /** @return the platform's definition of a key every instance has, or null for the connector's own keys */
    private static ConfigurationKey common(String id) {
        return Subscriptions.COMMON_KEYS.stream().filter(k -> k.id().equals(id)).findFirst().orElse(null);
    }

    private static Set<String> ids(AttributeDefinition[] ads) {
        Set<String> out = new java.util.HashSet<>();
        if (ads != null) {
            for (AttributeDefinition ad : ads) {
                out.add(ad.getID());
            }
        }
        return out;
    }

    private static Map<String, String> options(AttributeDefinition ad) {
        Map<String, String> out = new LinkedHashMap<>();
        String[] values = ad.getOptionValues();
        String[] labels = ad.getOptionLabels();
        if (values != null) {
            for (int i = 0; i < values.length; i++) {
                out.put(values[i], labels != null && i < labels.length ? labels[i] : values[i]);
            }
        }
        return out;
    }

    static String typeName(int type) {
        return switch (type) {
            case AttributeDefinition.PASSWORD -> "password";
            case AttributeDefinition.INTEGER -> "integer";
            case AttributeDefinition.LONG -> "long";
            case AttributeDefinition.SHORT -> "short";
            case AttributeDefinition.BYTE -> "byte";
            case AttributeDefinition.DOUBLE -> "double";
            case AttributeDefinition.FLOAT -> "float";
            case AttributeDefinition.BOOLEAN -> "boolean";
            case AttributeDefinition.CHARACTER -> "char";
            default -> "string";
        };
    }
}
