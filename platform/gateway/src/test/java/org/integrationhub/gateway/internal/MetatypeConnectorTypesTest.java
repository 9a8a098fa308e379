package org.integrationhub.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.integrationhub.gateway.ConfigurationKey;
import org.integrationhub.gateway.ConnectorType;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.osgi.util.promise.Promise;

/** Which bundles' components are connector types, and how their metatype becomes keys. */
class MetatypeConnectorTypesTest {

    private static final String IFACE = "org.integrationhub.spi.IntegrationInterface";

    /** A bundle answering only what the reader asks: state, name, version, id. */
    private static Bundle bundle(long id, String name, int state) {
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getState" -> state;
                    case "getSymbolicName" -> name;
                    case "getVersion" -> Version.parseVersion("1.2.3");
                    case "getBundleId" -> id;
                    case "hashCode" -> (int) id;
                    case "equals" -> proxy == args[0];
                    case "toString" -> name;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static BundleContext context(Bundle... bundles) {
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getBundles")) {
                        return bundles;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static ComponentDescriptionDTO component(String pid, String type, String... services) {
        ComponentDescriptionDTO c = new ComponentDescriptionDTO();
        c.configurationPid = pid == null ? new String[0] : new String[] {pid};
        c.serviceInterfaces = services;
        c.properties = type == null ? Map.of() : Map.of("integration.type", type);
        return c;
    }

    /** Components by bundle, as SCR describes them. */
    private record Components(Map<Bundle, List<ComponentDescriptionDTO>> byBundle) implements ServiceComponentRuntime {
        @Override
        public Collection<ComponentDescriptionDTO> getComponentDescriptionDTOs(Bundle... bundles) {
            return bundles.length == 1 ? byBundle.getOrDefault(bundles[0], List.of()) : List.of();
        }

        @Override
        public ComponentDescriptionDTO getComponentDescriptionDTO(Bundle bundle, String name) {
            return null;
        }

        @Override
        public Collection<ComponentConfigurationDTO> getComponentConfigurationDTOs(ComponentDescriptionDTO d) {
            return List.of();
        }

        @Override
        public boolean isComponentEnabled(ComponentDescriptionDTO d) {
            return true;
        }

        @Override
        public Promise<Void> enableComponent(ComponentDescriptionDTO d) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Promise<Void> disableComponent(ComponentDescriptionDTO d) {
            throw new UnsupportedOperationException();
        }
    }

    /** One attribute; the metatype's own check refuses "bad". */
    private record Ad(String id, int type, int cardinality, String[] defaults, String[] options) implements AttributeDefinition {
        @Override
        public String getName() {
            return "Name of " + id;
        }

        @Override
        public String getID() {
            return id;
        }

        @Override
        public String getDescription() {
            return "About " + id;
        }

        @Override
        public int getCardinality() {
            return cardinality;
        }

        @Override
        public int getType() {
            return type;
        }

        @Override
        public String[] getOptionValues() {
            return options;
        }

        @Override
        public String[] getOptionLabels() {
            return options == null ? null : java.util.Arrays.stream(options).map(String::toUpperCase).toArray(String[]::new);
        }

        @Override
        public String validate(String value) {
            return "bad".equals(value) ? "refused by the metatype" : "";
        }

        @Override
        public String[] getDefaultValue() {
            return defaults;
        }
    }

    private record Ocd(List<Ad> required, List<Ad> optional) implements ObjectClassDefinition {
        @Override
        public String getName() {
            return "Acme connector";
        }

        @Override
        public String getID() {
            return "acme-ocd";
        }

        @Override
        public String getDescription() {
            return "Talks to Acme";
        }

        @Override
        public AttributeDefinition[] getAttributeDefinitions(int filter) {
            List<Ad> all = new java.util.ArrayList<>(required);
            all.addAll(optional);
            return (filter == REQUIRED ? required : filter == OPTIONAL ? optional : all).toArray(new AttributeDefinition[0]);
        }

        @Override
        public java.io.InputStream getIcon(int size) {
            return null;
        }
    }

    private static MetaTypeInformation info(Bundle bundle, String factoryPid, ObjectClassDefinition ocd) {
        return (MetaTypeInformation) Proxy.newProxyInstance(MetaTypeInformation.class.getClassLoader(),
                new Class<?>[] {MetaTypeInformation.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getFactoryPids" -> new String[] {factoryPid};
                    case "getPids" -> new String[0];
                    case "getObjectClassDefinition" -> factoryPid.equals(args[0]) ? ocd : null;
                    case "getBundle" -> bundle;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void activeBundlesWithAConnectorComponentAndItsFactoryMetatypeAreTypes() {
        Bundle acme = bundle(1, "com.acme.connector", Bundle.ACTIVE);
        Bundle resolved = bundle(2, "com.other.connector", Bundle.RESOLVED);
        Bundle helper = bundle(3, "com.acme.helper", Bundle.ACTIVE);
        Ocd ocd = new Ocd(List.of(new Ad("integration.name", AttributeDefinition.STRING, 0, null, null),
                new Ad("url", AttributeDefinition.STRING, 0, null, null),
                new Ad("region", AttributeDefinition.STRING, 0, new String[] {"eu"}, new String[] {"eu", "us"})),
                List.of(new Ad(".api.token", AttributeDefinition.PASSWORD, 0, new String[] {""}, null),
                        new Ad("labels", AttributeDefinition.STRING, 10, new String[] {"a", "b"}, null),
                        new Ad("webconsole.configurationFactory.nameHint", AttributeDefinition.STRING, 0, null, null)));
        Components scr = new Components(Map.of(
                acme, List.of(component("org.integrationhub.connector.acme", "acme", IFACE),
                        component("org.integrationhub.connector.acme.extra", null, IFACE), // no type property
                        component("com.acme.settings", "acme-settings", IFACE)), // outside the connector PIDs
                resolved, List.of(component("org.integrationhub.connector.other", "other", IFACE)),
                helper, List.of(component("org.integrationhub.connector.helper", "helper", "java.lang.Runnable"))));
        MetaTypeService metaType = b -> b == acme ? info(acme, "org.integrationhub.connector.acme", ocd) : null;

        List<ConnectorTypes.Installed> installed = new MetatypeConnectorTypes(context(acme, resolved, helper), scr,
                metaType).installed();

        assertThat(installed).hasSize(1);
        ConnectorType type = installed.get(0).type();
        assertThat(type.type()).isEqualTo("acme");
        assertThat(type.factoryPid()).isEqualTo("org.integrationhub.connector.acme");
        assertThat(type.bundle()).isEqualTo("com.acme.connector/1.2.3");
        assertThat(type.name()).isEqualTo("Acme connector");
        assertThat(type.keys()).extracting(ConfigurationKey::id).containsExactly("integration.name", "url", "region",
                ".api.token", "labels", "integration.events", "integration.min.priority");
        assertThat(type.key("url").orElseThrow().required()).isTrue();
        assertThat(type.key("region").orElseThrow().required()).as("required with a default").isFalse();
        assertThat(type.key("region").orElseThrow().options()).containsExactly(Map.entry("eu", "EU"), Map.entry("us", "US"));
        assertThat(type.key(".api.token").orElseThrow().secret()).isTrue();
        assertThat(type.key(".api.token").orElseThrow().type()).isEqualTo("password");
        assertThat(type.key("labels").orElseThrow().multiple()).isTrue();
        assertThat(type.key("labels").orElseThrow().defaults()).containsExactly("a", "b");
        assertThat(type.key("integration.events").orElseThrow().defaults()).as("the platform's own key").containsExactly("*");
        assertThat(installed.get(0).checks().get("url").apply("bad")).isEqualTo("refused by the metatype");
        assertThat(installed.get(0).checks().get("url").apply("https://acme.example.com")).isNull();
    }

    @Test
    void theKeysThePlatformReadsShowThePlatformsDefaultsWhateverTheMetatypeDeclares() {
        // CONTRACT "Connector instances": integration.events default *; the gateway routes by that (issue #20), so
        // the types listing (REST, shell, console form) must not announce another default or require the key
        Bundle acme = bundle(1, "com.acme.connector", Bundle.ACTIVE);
        Ocd ocd = new Ocd(List.of(new Ad("integration.name", AttributeDefinition.STRING, 0, null, null),
                new Ad("integration.min.priority", AttributeDefinition.STRING, 0, new String[] {"high"}, null),
                new Ad("integration.events", AttributeDefinition.STRING, 10, null, null)), List.of());
        Components scr = new Components(Map.of(acme, List.of(component("org.integrationhub.connector.acme", "acme", IFACE))));
        ConnectorType type = new MetatypeConnectorTypes(context(acme), scr,
                b -> info(acme, "org.integrationhub.connector.acme", ocd)).installed().get(0).type();

        assertThat(type.keys()).extracting(ConfigurationKey::id).containsExactly("integration.name",
                "integration.min.priority", "integration.events");
        ConfigurationKey events = type.key("integration.events").orElseThrow();
        assertThat(events.defaults()).containsExactly("*");
        assertThat(events.required()).isFalse();
        ConfigurationKey priority = type.key("integration.min.priority").orElseThrow();
        assertThat(priority.defaults()).as("none: every priority").isEmpty();
        assertThat(priority.options()).containsOnlyKeys("low", "normal", "high", "urgent");
    }

    @Test
    void aBundleWithoutMetatypeForItsPidIsNoType() {
        Bundle acme = bundle(1, "com.acme.connector", Bundle.ACTIVE);
        Components scr = new Components(Map.of(acme, List.of(component("org.integrationhub.connector.acme", "acme", IFACE))));
        assertThat(new MetatypeConnectorTypes(context(acme), scr, b -> null).installed()).isEmpty();
        assertThat(new MetatypeConnectorTypes(context(acme), scr, b -> info(acme, "org.integrationhub.connector.other",
                new Ocd(List.of(), List.of()))).installed()).isEmpty();
    }
}
