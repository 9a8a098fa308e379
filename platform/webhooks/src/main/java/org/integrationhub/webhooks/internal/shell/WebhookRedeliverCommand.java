package org.integrationhub.webhooks.internal.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.integrationhub.delivery.Delivery;
import org.integrationhub.delivery.DeliveryService;
import org.integrationhub.shell.support.CommandErrors;
import org.integrationhub.webhooks.internal.Endpoint;

/** Sends one delivery again (same webhook-id, fresh retry budget). */
@Service
@Command(scope = "hub", name = "webhook-redeliver", description = "Sends a delivery again as soon as possible, with the same webhook-id and a fresh retry budget.")
public class WebhookRedeliverCommand extends WebhookCommand {

    @Reference
    DeliveryService deliveries;

    @Argument(index = 1, name = "deliveryId", required = true, description = "The delivery id (hub:webhook-deliveries ID)")
    String deliveryId;

    @Override
    protected void run(Endpoint endpoint) {
        Delivery d = deliveries.get(deliveryId).filter(x -> x.kind().equals("webhook") && x.subscriberId().equals(id))
                .orElseThrow(() -> CommandErrors.notFound("delivery " + deliveryId + " of webhook " + id,
                        "hub:webhook-deliveries " + id));
        Delivery again = deliveries.redeliver(d.id());
        System.out.println("Delivery " + again.id() + " (event " + again.eventId() + ", " + again.eventType()
                + ") scheduled: " + again.status());
    }
}
