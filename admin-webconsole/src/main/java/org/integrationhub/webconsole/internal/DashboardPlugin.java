package org.integrationhub.webconsole.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServletRequest;

import org.integrationhub.api.Priority;
import org.integrationhub.api.TicketService;
import org.integrationhub.api.TicketStats;
import org.integrationhub.delivery.DeliveryMetrics;
import org.integrationhub.gateway.IntegrationGateway;
import org.integrationhub.gateway.IntegrationInfo;
import org.integrationhub.webhooks.WebhookAdmin;
import org.integrationhub.webhooks.WebhookEndpointInfo;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Web console page "Dashboard" (label {@code hub}, the first of the hub's pages): ticket figures, deliveries and
 * failures per minute as charts, the connectors and webhook endpoints worth a look. Read-only; the figures are read at
 * most once per {@link #CACHE} ({@link DashboardData}).
 */
@Component(service = Servlet.class, property = {"felix.webconsole.label=" + DashboardPlugin.LABEL,
        "felix.webconsole.title=Dashboard", "felix.webconsole.category=" + ConsolePlugin.CATEGORY,
        "felix.webconsole.css=/" + DashboardPlugin.LABEL + "/res/hub.css"})
public class DashboardPlugin extends ConsolePlugin {

    static final String LABEL = "hub";
    static final Duration CACHE = Duration.ofSeconds(5);
    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile TicketService tickets;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile DeliveryMetrics deliveries;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile IntegrationGateway gateway;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile WebhookAdmin webhooks;

    transient Clock clock = Clock.systemUTC();
    private final transient AtomicReference<DashboardData> cached = new AtomicReference<>();

    public DashboardPlugin() {
        super(LABEL);
    }

    /** @return the snapshot, read again when the cached one is older than {@link #CACHE} */
    DashboardData data() {
        Instant now = clock.instant();
        DashboardData d = cached.get();
        if (d == null || !now.isBefore(d.at().plus(CACHE)) || now.isBefore(d.at())) {
            d = DashboardData.read(now, tickets, deliveries, gateway, webhooks);
            cached.set(d);
        }
        return d;
    }

    @Override
    void render(Page page, HttpServletRequest request) {
        DashboardData d = data();
        page.heading(page.msg("dashboard.tickets"));
        TicketStats t = d.tickets();
        if (t == null) {
            page.notInstalled(page.msg("dashboard.core"));
        } else {
            Map<String, String> figures = new LinkedHashMap<>();
            figures.put(page.msg("dashboard.open"), Long.toString(t.total().open()));
            figures.put(page.msg("dashboard.overdue"), Long.toString(t.total().overdue()));
            figures.put(page.msg("dashboard.breached"), Long.toString(t.total().slaBreached()));
            figures.put(page.msg("dashboard.average", t.window().toMinutes()), minutes(page, t.total().averageResolution()));
            page.figures(figures);
            page.tableStart("hub-dashboard-priorities", page.msg("col.priority"), page.msg("dashboard.open"),
                    page.msg("dashboard.overdue"), page.msg("dashboard.breached"), page.msg("dashboard.resolved"),
                    page.msg("dashboard.average", t.window().toMinutes()));
            for (Priority p : Priority.values()) {
                TicketStats.Figures f = t.byPriority().get(p);
                if (f != null) {
                    page.row(p.wireName(), f.open(), f.overdue(), f.slaBreached(), f.resolvedInWindow(),
                            minutes(page, f.averageResolution()));
                }
            }
            page.tableEnd();
        }
        renderDeliveries(page, d);
        renderConnectors(page, d.connectors());
        renderEndpoints(page, d.endpoints());
        page.paragraph(page.msg("dashboard.asOf", Html.time(d.at()), CACHE.toSeconds()));
    }

    private static void renderDeliveries(Page page, DashboardData d) {
        page.heading(page.msg("dashboard.deliveries", DashboardData.MINUTES));
        if (!d.deliveriesRead()) {
            page.notInstalled(page.msg("deliveries.service"));
            return;
        }
        List<String> labels = new ArrayList<>(d.minutes().size());
        d.minutes().forEach(m -> labels.add(HH_MM.format(m) + " UTC"));
        page.paragraph(page.msg("dashboard.deliveries.total", d.total(d.delivered()), d.total(d.failed())));
        page.chart(new BarChart(page.msg("dashboard.chart.deliveries"), labels, d.delivered(),
                new long[d.delivered().length], page.msg("dashboard.delivered"), page.msg("dashboard.failed")));
        page.chart(new BarChart(page.msg("dashboard.chart.failures"), labels, new long[d.failed().length], d.failed(),
                page.msg("dashboard.delivered"), page.msg("dashboard.failed")));
        page.paragraph(page.msg("dashboard.deliveries.how"));
    }

    private static void renderConnectors(Page page, List<IntegrationInfo> connectors) {
        page.heading(page.msg("dashboard.connectors"));
        if (connectors.isEmpty()) {
            page.paragraph(page.msg("dashboard.connectors.none"));
            return;
        }
        page.tableStart("hub-dashboard-connectors", page.msg("col.name"), page.msg("col.type"), page.msg("col.status"),
                page.msg("col.calls"), page.msg("dashboard.failedCalls"), page.msg("col.latency"),
                page.msg("col.circuit"), page.msg("col.queue"));
        for (IntegrationInfo i : connectors) {
            var s = i.stats();
            page.row(page.linkTo(IntegrationsPlugin.LABEL, i.name()), i.type(),
                    i.status() + (i.statusDetail() == null || i.statusDetail().isBlank() ? "" : ": " + i.statusDetail()),
                    s == null ? null : s.calls(), DashboardData.failures(i),
                    s == null ? null : String.format("p50 %.1f ms / p99 %.1f ms", s.p50Millis(), s.p99Millis()),
                    s == null ? null : s.circuitState(), s == null || s.queueDepth() < 0 ? null : s.queueDepth());
        }
        page.tableEnd();
    }

    private static void renderEndpoints(Page page, List<WebhookEndpointInfo> endpoints) {
        page.heading(page.msg("dashboard.endpoints"));
        if (endpoints.isEmpty()) {
            page.paragraph(page.msg("dashboard.endpoints.none"));
            return;
        }
        page.tableStart("hub-dashboard-endpoints", page.msg("col.id"), page.msg("col.url"), page.msg("col.state"),
                page.msg("col.failingSince"));
        for (WebhookEndpointInfo e : endpoints) {
            page.row(page.linkTo(WebhooksPlugin.LABEL + "?endpoint=" + Urls.encode(e.id()), e.id()), e.url(),
                    e.disabled() ? page.msg("state.disabled", Html.orDash(e.disabledReason())) : page.msg("state.enabled"),
                    Html.time(e.failingSince()));
        }
        page.tableEnd();
    }

    private static String minutes(Page page, Duration average) {
        return average == null ? "\u2014" : page.msg("dashboard.minutes", String.format("%.1f",
                average.toMillis() / 60_000.0));
    }

    @Override
    Result act(String action, HttpServletRequest request) {
        throw new IllegalArgumentException("the dashboard is read-only");
    }
}
