package org.integrationhub.webconsole.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServletRequest;

import org.integrationhub.api.EventType;
import org.integrationhub.delivery.DeliveryService;
import org.integrationhub.delivery.DeliveryStats;
import org.integrationhub.webhooks.CreatedWebhook;
import org.integrationhub.webhooks.WebhookAdmin;
import org.integrationhub.webhooks.WebhookEndpointInfo;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Web console page "Webhooks": endpoints (never a secret), registering one and rotating its secret (the secret shown
 * once, on the answer), enable/disable, recent deliveries and attempts, redeliver and replay — the
 * {@code hub:webhook-*} commands.
 */
@Component(service = Servlet.class, property = {"felix.webconsole.label=" + WebhooksPlugin.LABEL,
        "felix.webconsole.title=Webhooks", "felix.webconsole.category=" + ConsolePlugin.CATEGORY,
        "felix.webconsole.css=/" + WebhooksPlugin.LABEL + "/res/hub.css"})
public class WebhooksPlugin extends ConsolePlugin {

    static final String LABEL = "hub-webhooks";
    static final String FORM = "webhook";
    static final String REPLAY_FORM = "replay";
    private static final long serialVersionUID = 1L;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile WebhookAdmin webhooks;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile DeliveryService deliveries;

    public WebhooksPlugin() {
        super(LABEL);
    }

    @Override
    void render(Page page, HttpServletRequest request) {
        page.heading(page.msg("webhooks.title"));
        WebhookAdmin admin = webhooks;
        if (admin == null) {
            page.notInstalled(page.msg("webhooks.service"));
            return;
        }
        page.paragraph(page.msg("webhooks.intro"));
        DeliveryService d = deliveries;
        page.tableStart("hub-webhooks-table", page.msg("col.id"), page.msg("col.url"), page.msg("col.description"),
                page.msg("col.events"), page.msg("col.state"), page.msg("col.failingSince"),
                page.msg("col.deliveries"), page.msg("col.created"), "");
        for (WebhookEndpointInfo e : admin.list()) {
            String counts = null;
            if (d != null) {
                DeliveryStats s = d.stats(WebhookAdmin.KIND, e.id());
                counts = page.msg("webhooks.counts", s.pending(), s.failed(), s.delivered());
            }
            Page.Cell toggle = e.disabled()
                    ? page.button("enable", page.msg("webhooks.enable"), Map.of("id", e.id()), null)
                    : page.button("disable", page.msg("webhooks.disable"), Map.of("id", e.id()),
                            page.msg("webhooks.disable.confirm", e.url()));
            Page.Cell rotate = page.button("rotateSecret", page.msg("webhooks.rotate"), Map.of("id", e.id()),
                    page.msg("webhooks.rotate.confirm", e.url()));
            page.row(page.link(e.id(), Map.of("endpoint", e.id())), e.url(), e.description(), Html.list(e.events()),
                    e.disabled() ? page.msg("state.disabled", Html.orDash(e.disabledReason())) : page.msg("state.enabled"),
                    Html.time(e.failingSince()), counts, Html.time(e.createdAt()), Page.join(List.of(toggle, rotate)));
        }
        page.tableEnd();
        String selected = request.getParameter("endpoint");
        if (selected != null) {
            renderDeliveries(page, request, admin, d, selected);
        }
        renderCreate(page, request);
    }

    private static void renderCreate(Page page, HttpServletRequest request) {
        page.heading(page.msg("webhooks.create"));
        page.paragraph(page.msg("webhooks.create.once"));
        String error = formError(request, FORM);
        if (error != null) {
            page.notice("error", page.msg("form.invalid", error));
        }
        page.form("create", page.msg("webhooks.create.submit"), Map.of(), List.of(
                new Page.Field("url", page.msg("col.url"), page.msg("webhooks.url.help"), "text",
                        prefill(request, "url"), Map.of(), true),
                new Page.Field("event", page.msg("col.events"), page.msg("webhooks.events.help"), "checkboxes",
                        String.join(" ", values(request, "event")), eventOptions(page), false),
                new Page.Field("description", page.msg("col.description"), null, "text",
                        prefill(request, "description"), Map.of(), false)));
    }

    private static Map<String, String> eventOptions(Page page) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("*", page.msg("webhooks.events.all"));
        for (EventType t : EventType.values()) {
            options.put(t.wireName(), t.wireName());
        }
        return options;
    }

    private static void renderDeliveries(Page page, HttpServletRequest request, WebhookAdmin admin, DeliveryService d,
            String id) {
        page.heading(page.msg("webhooks.deliveries", id));
        if (admin.get(id).isEmpty()) {
            page.notice("error", page.msg("webhooks.unknown", id));
            return;
        }
        if (d == null) {
            page.notInstalled(page.msg("deliveries.service"));
            return;
        }
        DeliveryTable.render(page, d, WebhookAdmin.KIND, id, null, 25, true);
        page.heading(page.msg("webhooks.replay", id));
        String error = formError(request, REPLAY_FORM);
        if (error != null) {
            page.notice("error", page.msg("form.invalid", error));
        }
        Map<String, String> types = eventOptions(page);
        types.remove("*");
        page.form("replay", page.msg("webhooks.replay.submit"), Map.of("id", id), List.of(
                new Page.Field("since", page.msg("webhooks.replay.since"), page.msg("webhooks.replay.time.help"), "text",
                        prefill(request, "since"), Map.of(), true),
                new Page.Field("until", page.msg("webhooks.replay.until"), page.msg("webhooks.replay.until.help"),
                        "text", prefill(request, "until"), Map.of(), false),
                new Page.Field("event", page.msg("col.events"), page.msg("webhooks.replay.events.help"), "checkboxes",
                        String.join(" ", values(request, "event")), types, false)));
    }

    @Override
    Result act(String action, HttpServletRequest request) {
        WebhookAdmin admin = webhooks;
        if (admin == null) {
            throw new IllegalStateException("the webhooks service is not running");
        }
        return switch (action) {
            case "create" -> {
                String description = request.getParameter("description");
                CreatedWebhook c = admin.create(param(request, "url").trim(), values(request, "event"), description);
                yield new Result("result.webhook.created", c.endpoint().id() + " (" + c.endpoint().url() + ")",
                        Map.of("endpoint", c.endpoint().id()), page -> {
                            page.once(page.msg("once.copyNow"));
                            page.secret("hub-new-webhook-secret", page.msg("webhooks.secret"), c.secret());
                        });
            }
            case "rotateSecret" -> {
                CreatedWebhook c = admin.rotateSecret(param(request, "id"));
                yield new Result("result.webhook.rotated", c.endpoint().id(), Map.of("endpoint", c.endpoint().id()),
                        page -> {
                            page.once(page.msg("once.copyNow"));
                            page.secret("hub-new-webhook-secret", page.msg("webhooks.secret"), c.secret());
                            page.paragraph(page.msg("webhooks.rotate.previous",
                                    Html.time(c.endpoint().previousSecretUntil())));
                        });
            }
            case "disable" -> new Result("result.webhook.disabled", admin.setDisabled(param(request, "id"), true).id());
            case "enable" -> new Result("result.webhook.enabled", admin.setDisabled(param(request, "id"), false).id());
            case "redeliver" -> {
                String endpoint = param(request, "subscriber");
                yield new Result("result.redelivered", DeliveryTable.redeliver(service(deliveries), WebhookAdmin.KIND,
                        endpoint, param(request, "delivery")).id(), Map.of("endpoint", endpoint));
            }
            case "replay" -> replay(admin, request);
            default -> throw new IllegalArgumentException("unknown action " + action);
        };
    }

    private Result replay(WebhookAdmin admin, HttpServletRequest request) {
        String id = param(request, "id");
        if (admin.get(id).isEmpty()) {
            throw new IllegalArgumentException("there is no webhook " + id);
        }
        Instant since = instant("since", param(request, "since"));
        String untilText = request.getParameter("until");
        Instant until = untilText == null || untilText.isBlank() ? null : instant("until", untilText);
        if (until != null && !until.isAfter(since)) {
            throw new IllegalArgumentException("until: must be after since");
        }
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        for (String name : values(request, "event")) {
            try {
                types.add(EventType.fromWireName(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("event: unknown event type '" + name + "'", e);
            }
        }
        int n = service(deliveries).replay(WebhookAdmin.KIND, id, since, until, types);
        return new Result("result.webhook.replayed", id + ": " + n, Map.of("endpoint", id));
    }

    /**
     * @return the instant of an ISO-8601 text: {@code 2026-01-01T00:00:00Z}, or a local date-time taken as UTC
     * @throws IllegalArgumentException naming the field
     */
    static Instant instant(String field, String text) {
        String t = text.trim();
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException(field + ": not an ISO-8601 time such as 2026-01-01T00:00:00Z: '"
                        + t + "'", e2);
            }
        }
    }

    private static DeliveryService service(DeliveryService d) {
        if (d == null) {
            throw new IllegalStateException("the delivery engine is not running");
        }
        return d;
    }

    /** A failed create or replay shows its form again with what was typed. */
    @Override
    Map<String, String> errorView(String action, HttpServletRequest request) {
        return switch (action) {
            case "create" -> Map.of("form", FORM, "url", prefill(request, "url"), "event",
                    String.join(" ", values(request, "event")), "description", prefill(request, "description"));
            case "replay" -> Map.of("form", REPLAY_FORM, "endpoint", prefill(request, "id"), "since",
                    prefill(request, "since"), "until", prefill(request, "until"), "event",
                    String.join(" ", values(request, "event")));
            default -> Map.of();
        };
    }
}
