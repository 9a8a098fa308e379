package org.integrationhub.gateway.internal;

import java.io.IOException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;

import org.integrationhub.api.HubEvent;
import org.integrationhub.delivery.DeliveryTransport;
import org.integrationhub.delivery.SubscriptionSource;
import org.integrationhub.spi.IntegrationInterface;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connector instances as configured in Config Admin (every configuration with {@code integration.name}), kept in
 * memory and refreshed on every configuration change. They exist whether or not the connector bundle is present,
 * so an instance's subscription (event types, minimum priority) holds while its bundle is being replaced: the
 * relay keeps creating its deliveries, which wait until the connector returns.
 */
@Component(service = {ConfiguredInstances.class, SubscriptionSource.class, ConfigurationListener.class},
        property = DeliveryTransport.KIND_PROPERTY + "=" + IntegrationTransport.KIND)
public class ConnectorConfigurations implements ConfiguredInstances, SubscriptionSource, ConfigurationListener {

    private final Logger logger = LoggerFactory.getLogger(ConnectorConfigurations.class);
    private final ConfigurationAdmin configurationAdmin;
    private volatile Map<String, Instance> instances = Map.of();

    @Activate
    public ConnectorConfigurations(@Reference ConfigurationAdmin configurationAdmin) {
        this.configurationAdmin = configurationAdmin;
        reload();
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        reload();
    }

    private synchronized void reload() {
        try {
            Configuration[] found = configurationAdmin.listConfigurations("(" + IntegrationInterface.NAME_PROPERTY + "=*)");
            List<Map.Entry<String, Dictionary<String, ?>>> entries = new ArrayList<>();
            if (found != null) {
                for (Configuration c : found) {
                    Dictionary<String, Object> p = c.getProperties();
                    if (p != null) {
                        entries.add(new AbstractMap.SimpleEntry<>(c.getFactoryPid(), p));
                    }
                }
            }
            instances = Map.copyOf(Subscriptions.read(entries));
        } catch (IOException | InvalidSyntaxException e) {
            logger.warn("Could not read the connector configurations; keeping the previous subscriptions", e);
        }
    }

    @Override
    public void refresh() {
        reload();
    }

    @Override
    public Map<String, Instance> instances() {
        return instances;
    }

    @Override
    public List<String> subscribersFor(HubEvent event) {
        return Subscriptions.match(instances, event);
    }
}
