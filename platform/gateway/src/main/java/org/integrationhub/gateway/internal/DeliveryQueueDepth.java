package org.integrationhub.gateway.internal;

import java.util.HashMap;
import java.util.Map;

import org.integrationhub.delivery.DeliveryService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Pending event deliveries per configured integration, from the delivery engine's log. */
@Component(service = QueueDepth.class)
public class DeliveryQueueDepth implements QueueDepth {

    private final DeliveryService deliveries;
    private final ConfiguredInstances configured;

    @Activate
    public DeliveryQueueDepth(@Reference DeliveryService deliveries, @Reference ConfiguredInstances configured) {
        this.deliveries = deliveries;
        this.configured = configured;
    }

    @Override
    public Map<String, Long> pendingBySubscriber() {
        Map<String, Long> out = new HashMap<>();
        for (String name : configured.instances().keySet()) {
            out.put(name, deliveries.stats(IntegrationTransport.KIND, name).pending());
        }
        return out;
    }
}
