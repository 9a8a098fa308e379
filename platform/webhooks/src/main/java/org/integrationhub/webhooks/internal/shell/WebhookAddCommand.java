package org.integrationhub.webhooks.internal.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.integrationhub.api.ValidationException;
import org.integrationhub.shell.support.HubCommand;
import org.integrationhub.shell.support.TrailingOptions;
import org.integrationhub.webhooks.internal.WebhookInput;
import org.integrationhub.webhooks.internal.WebhookRegistry;

/** Registers a webhook endpoint and prints its secret once. */
@Service
@Command(scope = "hub", name = "webhook-add", description = "Registers a webhook endpoint and prints its signing secret once.")
public class WebhookAddCommand extends HubCommand {

    @Reference
    WebhookRegistry registry;

    @Argument(index = 0, name = "url", required = true, description = "The receiver's http(s) URL")
    String url;

    @Option(name = "--event", aliases = "-e", multiValued = true,
            description = "An event type to subscribe to (repeatable), e.g. ticket.created; '*' for all. Default: *")
    @Completion(EventTypeCompleter.class)
    List<String> events;

    @Option(name = "--description", aliases = "-d", description = "What the endpoint is for")
    String description;

    @Option(name = "--header", aliases = "-H", multiValued = true,
            description = "A custom header NAME=VALUE sent with every delivery (repeatable)")
    List<String> headers;

    @Option(name = "--secret", description = "Use this secret (whsec_ + base64 of 24..64 bytes, or a raw secret of "
            + "24..256 characters) instead of a generated one")
    String secret;

    @Option(name = "--rate-limit", aliases = "-r", description = "Maximum deliveries per second to this endpoint")
    String rateLimit;

    @Option(name = "--retry-schedule", description = "default (max retries, exponential) or standard (Standard Webhooks)")
    String retrySchedule;

    @Option(name = "--tls-verify", description = "false turns certificate verification off for this endpoint (not recommended)")
    String tlsVerify;

    @Argument(index = 1, name = "options", multiValued = true,
            description = "Options may also follow the URL, as in: hub:webhook-add URL --event ticket.created")
    List<String> trailing;

    @Override
    protected void run() throws Exception {
        TrailingOptions t = TrailingOptions.parser().option("--event", "-e").option("--description", "-d")
                .option("--header", "-H").option("--secret").option("--rate-limit", "-r").option("--retry-schedule")
                .option("--tls-verify").parse(trailing);
        List<String> types = t.merge("--event", events);
        WebhookInput in = new WebhookInput(url, types.isEmpty() ? List.of("*") : types,
                t.last("--description", description), t.last("--secret", secret),
                headers(t.merge("--header", headers)), rate(t.last("--rate-limit", rateLimit)),
                tls(t.last("--tls-verify", tlsVerify)), t.last("--retry-schedule", retrySchedule), null);
        WebhookRegistry.Created created = registry.create(in);
        System.out.println("Webhook registered. Copy the secret now: it is not shown again.");
        System.out.println();
        System.out.println("  secret: " + created.secret());
        WebhookShowCommand.print(created.endpoint());
    }

    static Map<String, String> headers(List<String> values) {
        if (values.isEmpty()) {
            return null;
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (String v : values) {
            int eq = v.indexOf('=');
            if (eq <= 0) {
                throw new ValidationException("header", "must be NAME=VALUE, not '" + v + "'");
            }
            m.put(v.substring(0, eq).trim(), v.substring(eq + 1));
        }
        return m;
    }

    static Integer rate(String value) {
        if (value == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new ValidationException("rate-limit", "must be a number of deliveries per second (0 = unlimited), not '"
                + value + "'");
    }

    static Boolean tls(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new ValidationException("tls-verify", "must be true or false, not '" + value + "'");
        };
    }
}
