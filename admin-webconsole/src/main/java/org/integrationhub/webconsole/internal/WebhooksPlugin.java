package org.integrationhub.webconsole.internal;

import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServletRequest;

import org.integrationhub.delivery.DeliveryService;
import org.integrationhub.delivery.DeliveryStats;
import org.integrationhub.webhooks.WebhookAdmin;
import org.integrationhub.webhooks.WebhookEndpointInfo;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** Web console page "Webhooks": endpoints (never a secret), enable/disable, recent deliveries and attempts, redeliver. */
@Component(service = Servlet.class, property = {"felix.webconsole.label=" + WebhooksPlugin.LABEL,
        "felix.webconsole.title=Webhooks", "felix.webconsole.category=" + ConsolePlugin.CATEGORY,
        "felix.webconsole.css=/" + WebhooksPlugin.LABEL + "/res/hub.css"})
public class WebhooksPlugin extends ConsolePlugin {

    static final String LABEL = "hub-webhooks";
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
        page.paragraph(page.msg("webhooks.create"));
        WebhookAdmin admin = webhooks;
        if (admin == null) {
            page.notInstalled(page.msg("webhooks.service"));
            return;
        }
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
            page.row(page.link(e.id(), Map.of("endpoint", e.id())), e.url(), e.description(), Html.list(e.events()),
                    e.disabled() ? page.msg("state.disabled", Html.orDash(e.disabledReason())) : page.msg("state.enabled"),
                    Html.time(e.failingSince()), counts, Html.time(e.createdAt()), toggle);
        }
        page.tableEnd();
        String selected = request.getParameter("endpoint");
        if (selected != null) {
            renderDeliveries(page, admin, d, selected);
        }
    }

    private static void renderDeliveries(Page page, WebhookAdmin admin, DeliveryService d, String id) {
        page.heading(page.msg("webhooks.deliveries", id));
        if (admin.get(id).isEmpty()) {
            page.notice("error", page.msg("webhooks.unknown", id));
        } else if (d == null) {
            page.notInstalled(page.msg("deliveries.service"));
        } else {
            DeliveryTable.render(page, d, WebhookAdmin.KIND, id, null, 25, true);
        }
    }

    @Override
    Result act(String action, HttpServletRequest request) {
        WebhookAdmin admin = webhooks;
        if (admin == null) {
            throw new IllegalStateException("the webhooks service is not running");
        }
        return switch (action) {
            case "disable" -> new Result("result.webhook.disabled", admin.setDisabled(param(request, "id"), true).id());
            case "enable" -> new Result("result.webhook.enabled", admin.setDisabled(param(request, "id"), false).id());
            case "redeliver" -> {
                DeliveryService d = deliveries;
                if (d == null) {
                    throw new IllegalStateException("the delivery engine is not running");
                }
                String endpoint = param(request, "subscriber");
                yield new Result("result.redelivered", DeliveryTable.redeliver(d, WebhookAdmin.KIND, endpoint,
                        param(request, "delivery")).id(), Map.of("endpoint", endpoint));
            }
            default -> throw new IllegalArgumentException("unknown action " + action);
        };
    }
}
