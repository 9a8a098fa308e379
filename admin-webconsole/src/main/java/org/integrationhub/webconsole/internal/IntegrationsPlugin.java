package org.integrationhub.webconsole.internal;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServletRequest;

import org.integrationhub.api.ValidationException;
import org.integrationhub.delivery.DeliveryService;
import org.integrationhub.delivery.DeliveryStats;
import org.integrationhub.delivery.DeliveryStatus;
import org.integrationhub.gateway.GatewayException;
import org.integrationhub.gateway.InstanceConfiguration;
import org.integrationhub.gateway.IntegrationConfigurations;
import org.integrationhub.gateway.IntegrationGateway;
import org.integrationhub.gateway.IntegrationInfo;
import org.integrationhub.gateway.IntegrationStats;
import org.integrationhub.spi.ActionDescriptor;
import org.integrationhub.spi.HealthResult;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Web console page "Integrations": connector instances, their health and metrics, connection tests, deliveries; adding,
 * editing and removing instances through their type's metatype form ({@link InstanceForm}).
 */
@Component(service = Servlet.class, property = {"felix.webconsole.label=" + IntegrationsPlugin.LABEL,
        "felix.webconsole.title=Integrations", "felix.webconsole.category=" + ConsolePlugin.CATEGORY,
        "felix.webconsole.css=/" + IntegrationsPlugin.LABEL + "/res/hub.css"})
public class IntegrationsPlugin extends ConsolePlugin {

    static final String LABEL = "hub-integrations";
    static final String KIND = "integration";
    private static final long serialVersionUID = 1L;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile IntegrationGateway gateway;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile DeliveryService deliveries;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile IntegrationConfigurations configurations;

    public IntegrationsPlugin() {
        super(LABEL);
    }

    @Override
    void render(Page page, HttpServletRequest request) {
        page.heading(page.msg("integrations.title"));
        IntegrationGateway g = gateway;
        if (g == null) {
            page.notInstalled(page.msg("integrations.service"));
            return;
        }
        page.tableStart("hub-integrations-table", page.msg("col.name"), page.msg("col.type"), page.msg("col.version"),
                page.msg("col.bundle"), page.msg("col.status"), page.msg("col.actions"), page.msg("col.calls"),
                page.msg("col.failures"), page.msg("col.latency"), page.msg("col.queue"), page.msg("col.circuit"),
                page.msg("col.receives"), "");
        var list = g.list();
        for (IntegrationInfo i : list) {
            IntegrationStats s = i.stats();
            page.row(i.name(), i.type(), i.version(), i.bundle(),
                    i.status() + (i.statusDetail() == null || i.statusDetail().isBlank() ? "" : ": " + i.statusDetail()),
                    i.actions().stream().map(ActionDescriptor::name).sorted().collect(Collectors.joining(" ")),
                    s == null ? null : s.calls() + " (" + s.successes() + " ok)", s == null ? null : failures(s),
                    s == null ? null : String.format("p50 %.1f ms / p99 %.1f ms", s.p50Millis(), s.p99Millis()),
                    s == null || s.queueDepth() < 0 ? null : s.queueDepth(), s == null ? null : s.circuitState(),
                    receives(page, i), Page.join(List.of(
                            page.button("test", page.msg("integrations.test"), Map.of("name", i.name()), null),
                            page.link(page.msg("integrations.editLink"), Map.of("edit", i.name())),
                            page.button("remove", page.msg("integrations.remove"), Map.of("name", i.name()),
                                    page.msg("integrations.remove.confirm", i.name())))));
        }
        page.tableEnd();
        if (list.isEmpty()) {
            page.paragraph(page.msg("integrations.none"));
        }
        IntegrationConfigurations c = configurations;
        if (c != null) {
            String edit = request.getParameter("edit");
            if (edit != null) {
                InstanceForm.renderEdit(page, c, edit);
            } else {
                InstanceForm.renderAdd(page, c, request.getParameter("type"));
            }
        }
        DeliveryService d = deliveries;
        page.heading(page.msg("integrations.deliveries"));
        if (d == null) {
            page.notInstalled(page.msg("deliveries.service"));
            return;
        }
        for (IntegrationInfo i : list) {
            DeliveryStats st = d.stats(KIND, i.name());
            page.paragraph(page.msg("integrations.deliveryStats", i.name(), st.pending(), st.failed(), st.delivered()));
            if (st.failed() > 0) {
                page.add(page.button("retryFailed", page.msg("integrations.retryFailed", i.name()),
                        Map.of("name", i.name()), null));
                DeliveryTable.render(page, d, KIND, i.name(), DeliveryStatus.FAILED, 20, false);
            }
            if (st.pending() > 0) {
                DeliveryTable.render(page, d, KIND, i.name(), DeliveryStatus.PENDING, 20, false);
            }
        }
    }

    /** @return the instance's subscription: all events, the listed types (and minimum priority), or none */
    static String receives(Page page, IntegrationInfo i) {
        if (!i.receivesEvents()) {
            return page.msg("integrations.receivesNothing");
        }
        String events = i.events().contains("*") ? page.msg("integrations.receivesAll") : String.join(" ", i.events());
        return i.minPriority() == null ? events : page.msg("integrations.minPriority", events, i.minPriority());
    }

    private static String failures(IntegrationStats s) {
        return s.failures().isEmpty() ? "0" : new TreeMap<>(s.failures()).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    @Override
    Result act(String action, HttpServletRequest request) {
        return switch (action) {
            case "test" -> test(param(request, "name"));
            case "retryFailed" -> new Result("result.integration.retried", param(request, "name") + ": "
                    + service(deliveries).retryFailed(KIND, param(request, "name")));
            case "redeliver" -> new Result("result.redelivered", DeliveryTable.redeliver(service(deliveries), KIND,
                    param(request, "subscriber"), param(request, "delivery")).id());
            case "create" -> configure(() -> service(configurations).create(param(request, "type"),
                    param(request, "name"), InstanceForm.values(request)), "result.integration.created");
            case "update" -> configure(() -> service(configurations).update(param(request, "name"),
                    InstanceForm.values(request)), "result.integration.saved");
            case "remove" -> {
                service(configurations).remove(param(request, "name"));
                yield new Result("result.integration.removed", param(request, "name"));
            }
            default -> throw new IllegalArgumentException("unknown action " + action);
        };
    }

    private static Result configure(Supplier<InstanceConfiguration> change, String resultKey) {
        try {
            InstanceConfiguration done = change.get();
            return new Result(resultKey, done.name() + " (" + done.type() + ")");
        } catch (ValidationException e) {
            throw new IllegalArgumentException(InstanceForm.describe(e), e);
        }
    }

    /** A failed create or update shows its form again, with the error above it. */
    @Override
    Map<String, String> errorView(String action, HttpServletRequest request) {
        return switch (action) {
            case "create" -> request.getParameter("type") == null ? Map.of() : Map.of("type", request.getParameter("type"));
            case "update" -> request.getParameter("name") == null ? Map.of() : Map.of("edit", request.getParameter("name"));
            default -> Map.of();
        };
    }

    private Result test(String name) {
        try {
            HealthResult h = service(gateway).test(name);
            return new Result("result.integration.tested", name + ": " + h.status() + " " + h.detail());
        } catch (GatewayException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static <T> T service(T service) {
        if (service == null) {
            throw new IllegalStateException("the service is not running");
        }
        return service;
    }
}
