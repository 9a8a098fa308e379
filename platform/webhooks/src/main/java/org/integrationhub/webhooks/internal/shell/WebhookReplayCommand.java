package org.integrationhub.webhooks.internal.shell;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.integrationhub.api.EventType;
import org.integrationhub.delivery.DeliveryService;
import org.integrationhub.shell.support.TrailingOptions;
import org.integrationhub.webhooks.internal.Endpoint;

/** Delivers every event of a time range to one webhook again, in order. */
@Service
@Command(scope = "hub", name = "webhook-replay", description = "Delivers every event of a time range to a webhook again, in event order (optionally only some event types).")
public class WebhookReplayCommand extends WebhookCommand {

    @Reference
    DeliveryService deliveries;

    @Option(name = "--since", description = "Events at or after this ISO-8601 instant (required), e.g. 2026-01-01T00:00:00Z")
    String since;

    @Option(name = "--until", description = "Events before this ISO-8601 instant. Default: now")
    String until;

    @Option(name = "--event", aliases = "-e", multiValued = true, description = "Only this event type (repeatable)")
    @Completion(EventTypeCompleter.class)
    List<String> events;

    @Argument(index = 1, name = "options", multiValued = true,
            description = "Options may also follow the id, as in: hub:webhook-replay ID --since 2026-01-01T00:00:00Z")
    List<String> trailing;

    @Override
    protected void run(Endpoint endpoint) {
        TrailingOptions t = TrailingOptions.parser().option("--since").option("--until").option("--event", "-e")
                .parse(trailing);
        Instant from = Messages.instant("since", t.last("--since", since));
        if (from == null) {
            throw new IllegalArgumentException("since: required, e.g. --since 2026-01-01T00:00:00Z");
        }
        Instant to = Messages.instant("until", t.last("--until", until));
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        for (String n : t.merge("--event", events)) {
            try {
                types.add(EventType.fromWireName(n));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("event: unknown event type '" + n + "'");
            }
        }
        int n = deliveries.replay("webhook", id, from, to, types);
        System.out.println(n + " deliveries scheduled for webhook " + id + ".");
    }
}
