package org.integrationhub.connector.trello.internal;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.integrationhub.api.HubEvent;
import org.integrationhub.api.Ticket;
import org.integrationhub.connector.trello.internal.client.TrelloClient;
import org.integrationhub.connector.trello.internal.inbound.TrelloWebhooks;
import org.integrationhub.connector.trello.internal.inbound.WebhookVerifier;
import org.integrationhub.connector.trello.internal.sync.CardSync;
import org.integrationhub.connector.trello.internal.sync.SyncState;
import org.integrationhub.connector.trello.internal.sync.TicketLocks;
import org.integrationhub.spi.ActionDescriptor;
import org.integrationhub.spi.ActionRequest;
import org.integrationhub.spi.ActionResult;
import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.HealthResult;
import org.integrationhub.spi.InboundHandler;
import org.integrationhub.spi.InboundRequest;
import org.integrationhub.spi.InboundResponse;
import org.integrationhub.spi.IntegrationContext;
import org.integrationhub.spi.IntegrationDescriptor;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.IntegrationInterface;
import org.integrationhub.spi.LinkStore;
import org.integrationhub.spi.TicketLink;
import org.integrationhub.spi.VendorQuota;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Trello board: an {@link IntegrationInterface} per factory configuration. Keeps a card per ticket in step
 * ({@link CardSync}), receives Trello's webhooks at {@code /integrations/trello/webhook} ({@link TrelloWebhooks}),
 * offers the actions {@code register_webhook} and {@code create_card}, and checks its health with
 * {@code GET /members/me} and the board's lists.
 */
@Component(service = IntegrationInterface.class, configurationPid = TrelloIntegration.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = IntegrationInterface.TYPE_PROPERTY + "=" + TrelloIntegration.TYPE)
@Designate(ocd = TrelloConfiguration.class, factory = true)
public class TrelloIntegration implements IntegrationInterface, InboundHandler {

    static final String FACTORY_PID = "org.integrationhub.connector.trello";
    static final String TYPE = "trello";
    static final String REGISTER_WEBHOOK = "register_webhook";
    static final String CREATE_CARD = "create_card";
    /** Configuration keys of the secrets: private (leading dot), never service properties, never logged. */
    static final String API_TOKEN = ".api.token";
    static final String API_SECRET = ".api.secret";
    /** Trello's documented limit per token: 100 requests per 10 seconds. */
    static final VendorQuota QUOTA = VendorQuota.per(100, Duration.ofSeconds(10));

    private final Logger logger = LoggerFactory.getLogger(TrelloIntegration.class);
    private final IntegrationContext context;
    private final IntegrationDescriptor descriptor;
    private final String unconfigured;
    private final CardSync.Lists lists;
    private final TrelloClient trello;
    private final OwnMember own;
    private final SyncState state;
    private final CardSync cards;
    private final TrelloWebhooks webhooks;
    private final boolean webhooksEnabled;

    @Activate
    public TrelloIntegration(@Reference IntegrationContext context, @Reference LinkStore links,
            TrelloConfiguration config) {
        this.context = context;
        String name = config.integration_name();
        this.descriptor = new IntegrationDescriptor(name, TYPE, bundleVersion(), List.of(
                new ActionDescriptor(REGISTER_WEBHOOK, "Registers this instance's webhook on the board at Trello "
                        + "(callback publicBaseUrl/integrations/trello/webhook)", List.of()),
                new ActionDescriptor(CREATE_CARD, "Makes the card of a ticket now (the one it has, if any)",
                        List.of("ticket_id"))),
                QUOTA, Set.of(API_TOKEN, API_SECRET));
        String token = context.resolveSecret(config._api_token());
        String secret = context.resolveSecret(config._api_secret());
        this.lists = new CardSync.Lists(config.board().strip(), config.list_new().strip(), config.list_done().strip());
        this.unconfigured = problem(config, token);
        this.trello = new TrelloClient(context.httpClient(), config.api_url().strip(), config.api_key().strip(), token,
                Duration.ofMillis(config.timeout_millis()));
        this.own = new OwnMember(trello);
        this.state = new SyncState(links, name);
        TicketLocks locks = new TicketLocks();
        this.cards = new CardSync(trello, lists, state, locks, context::ticketUrl, own::id);
        WebhookVerifier verifier = new WebhookVerifier(unconfigured == null ? secret : "");
        this.webhooksEnabled = verifier.configured();
        this.webhooks = new TrelloWebhooks(verifier, lists, state, locks, context::tickets,
                new TrelloWebhooks.Instance() {
                    @Override
                    public String callbackUrl() {
                        return state.registeredCallback().orElseGet(TrelloIntegration.this::callbackUrl);
                    }

                    @Override
                    public String ownMemberId() throws IntegrationException {
                        return own.require();
                    }
                });
        if (unconfigured != null) {
            context.reportStatus(name, HealthResult.unconfigured(unconfigured));
            logger.warn("Trello instance '{}' is not usable: {}", name, unconfigured);
        }
    }

    private static String problem(TrelloConfiguration config, String token) {
        List<String> missing = new ArrayList<>();
        if (config.api_key().isBlank()) {
            missing.add("api.key");
        }
        if (token.isBlank()) {
            missing.add(API_TOKEN);
        }
        if (config.board().isBlank()) {
            missing.add("board");
        }
        if (config.list_new().isBlank()) {
            missing.add("list.new");
        }
        if (config.list_done().isBlank()) {
            missing.add("list.done");
        }
        if (!missing.isEmpty()) {
            return String.join(", ", missing) + (missing.size() == 1 ? " is" : " are") + " not set";
        }
        if (config.list_new().strip().equals(config.list_done().strip())) {
            return "list.new and list.done must be different lists";
        }
        try {
            URI api = URI.create(config.api_url().strip());
            if (api.getHost() == null || !("https".equals(api.getScheme()) || "http".equals(api.getScheme()))) {
                return "api.url must be an absolute http(s) URL";
            }
        } catch (IllegalArgumentException e) {
            return "api.url must be an absolute http(s) URL";
        }
        return null;
    }

    /** @return the inbound URL Trello calls: the hub's public base URL and this connector's webhook path */
    String callbackUrl() {
        return context.publicBaseUrl() + "/integrations/" + TYPE + "/" + TrelloWebhooks.PATH;
    }

    @Override
    public IntegrationDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ActionResult execute(ActionRequest request) throws IntegrationException {
        return switch (request.action()) {
            case REGISTER_WEBHOOK -> registerWebhook();
            case CREATE_CARD -> createCard(request.params().get("ticket_id"));
            default -> throw new IntegrationException(ErrorCategory.CONFIGURATION,
                    "unknown action " + request.action(), null);
        };
    }

    /**
     * Creates the board's webhook at Trello. Trello checks the callback with a {@code HEAD} before it answers, which
     * every node's instance answers with 200; no lock is held that the inbound request needs.
     */
    private ActionResult registerWebhook() throws IntegrationException {
        requireConfigured();
        if (!webhooksEnabled) {
            throw new IntegrationException(ErrorCategory.CONFIGURATION, API_SECRET
                    + " is not set: webhook requests could not be verified", null);
        }
        String callback = callbackUrl();
        Optional<String> id = trello.createWebhook(callback, lists.board(), "Integration Hub " + descriptor.name());
        state.recordWebhook(callback);
        logger.info("Trello instance '{}': webhook on board {} {} for {}", descriptor.name(), lists.board(),
                id.isPresent() ? "registered" : "already registered", callback);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("webhook_id", id.orElse(null));
        result.put("created", id.isPresent());
        result.put("callback_url", callback);
        result.put("board", lists.board());
        return new ActionResult(result);
    }

    private ActionResult createCard(Object ticketId) throws IntegrationException {
        requireConfigured();
        if (!(ticketId instanceof String id) || id.isBlank()) {
            throw new IntegrationException(ErrorCategory.CONFIGURATION, "ticket_id must be a ticket id", null);
        }
        Ticket ticket = context.tickets().find(id.strip()).orElseThrow(() -> new IntegrationException(
                ErrorCategory.CONFIGURATION, "no ticket " + id.strip(), null));
        TicketLink card = cards.ensureCard(ticket);
        return new ActionResult(Map.of("card_id", card.key(), "url", card.url()));
    }

    @Override
    public void onEvent(HubEvent event) throws IntegrationException {
        if (!event.type().isTicketEvent()) {
            return; // customer.updated (only when listed): a card mirrors a ticket
        }
        requireConfigured();
        cards.onEvent(event);
    }

    @Override
    public HealthResult checkHealth() {
        if (unconfigured != null) {
            return HealthResult.unconfigured(unconfigured);
        }
        try {
            TrelloClient.Member me = own.refresh();
            Set<String> onBoard = trello.lists(lists.board());
            for (String list : List.of(lists.listNew(), lists.listDone())) {
                if (!onBoard.contains(list)) {
                    return HealthResult.unconfigured("list " + list + " is not an open list of board "
                            + lists.board());
                }
            }
            return HealthResult.online("authenticated as @" + me.username() + " on board " + lists.board()
                    + (webhooksEnabled ? "" : "; webhooks refused: " + API_SECRET + " is not set"));
        } catch (IntegrationException e) {
            return HealthResult.of(e);
        }
    }

    @Override
    public Set<String> inboundPaths() {
        return Set.of(TrelloWebhooks.PATH);
    }

    @Override
    public InboundResponse handle(InboundRequest request) {
        return webhooks.handle(request);
    }

    private void requireConfigured() throws IntegrationException {
        if (unconfigured != null) {
            throw new IntegrationException(ErrorCategory.CONFIGURATION, unconfigured, null);
        }
    }

    /** @return the version of this bundle ("0.0.0" outside OSGi, e.g. in unit tests) */
    private static String bundleVersion() {
        Bundle bundle = FrameworkUtil.getBundle(TrelloIntegration.class);
        return bundle == null ? "0.0.0" : bundle.getVersion().toString();
    }
}
