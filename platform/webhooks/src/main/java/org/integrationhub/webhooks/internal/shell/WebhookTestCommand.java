package org.integrationhub.webhooks.internal.shell;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.integrationhub.delivery.DeliveryOutcome;
import org.integrationhub.webhooks.internal.Endpoint;
import org.integrationhub.webhooks.internal.WebhookSender;

/** Sends a synthetic signed test event straight to an endpoint and prints the answer. */
@Service
@Command(scope = "hub", name = "webhook-test", description = "Sends a signed test event (type webhook.test) straight to the endpoint, outside the delivery log, and prints the status and duration.")
public class WebhookTestCommand extends WebhookCommand {

    @Reference
    WebhookSender sender;

    @Override
    protected void run(Endpoint e) throws InterruptedException {
        DeliveryOutcome o;
        try {
            o = sender.sendTest(e).toCompletableFuture().get(5, TimeUnit.MINUTES);
        } catch (ExecutionException | TimeoutException x) {
            throw new IllegalArgumentException("Test event to " + e.url() + " failed: " + x);
        }
        String status = o.statusCode() == null ? "no response" : "HTTP " + o.statusCode();
        String took = o.duration() == null ? "" : " in " + o.duration().toMillis() + " ms";
        if (o.result() != DeliveryOutcome.Result.DELIVERED) {
            throw new IllegalArgumentException("Test event to " + e.url() + " not acknowledged: " + status + took
                    + (o.error() == null ? "" : " (" + o.error() + ")"));
        }
        System.out.println("Test event delivered to " + e.url() + ": " + status + took);
        if (o.responseExcerpt() != null && !o.responseExcerpt().isBlank()) {
            System.out.println("Response: " + o.responseExcerpt());
        }
    }
}
