package org.integrationhub.connector.hubspot.internal.inbound;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.integrationhub.connector.hubspot.internal.sync.CustomerEnricher;
import org.integrationhub.spi.InboundRequest;
import org.integrationhub.spi.InboundResponse;
import org.integrationhub.spi.IntegrationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * HubSpot → hub at {@code /integrations/hubspot/webhook}. Every request must carry a valid
 * {@code X-HubSpot-Signature-v3} over the URL HubSpot called (rebuilt from the hub's {@code publicBaseUrl}), the raw
 * body and an {@code X-HubSpot-Request-Timestamp} less than five minutes away; otherwise 401 and nothing changes (the
 * next instance of the type is asked). A verified body is HubSpot's array of events: contact creations and changes
 * of the followed properties ({@code contact.creation}, {@code contact.propertyChange}, or their generic
 * {@code object.*} forms with {@code objectTypeId} {@code 0-1}) make the connector re-read the contact and update the
 * hub customer with its e-mail address; other events are acknowledged and ignored; an event handled before (same
 * portal, subscription, {@code eventId}, object, property and time: HubSpot does not promise unique event ids) is
 * skipped. HubSpot waits 5 seconds for the answer and delivers the batch again after any 4xx, 5xx or time-out: when
 * HubSpot cannot be read, when the contact reads would outlast {@link #BUDGET}, or while another request is still
 * applying some of the events, the answer is 503 and the events not applied are left for that next delivery.
 */
public final class HubSpotWebhooks {

    /** The inbound path below {@code /integrations/hubspot/}. */
    public static final String PATH = "webhook";
    /** How far the request timestamp may be from the hub's clock. */
    static final Duration MAX_AGE = Duration.ofMinutes(5);
    /** The contact properties whose changes update a customer. */
    static final Set<String> FOLLOWED = Set.of("company", "phone", "lifecyclestage", "total_revenue");
    /** How long a request may spend reading contacts: below the 5 seconds HubSpot waits for an answer. */
    public static final Duration BUDGET = Duration.ofMillis(4000);
    private static final String CONTACT_TYPE = "0-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Logger logger = LoggerFactory.getLogger(HubSpotWebhooks.class);
    private final HubSpotSignatures signatures;
    private final Supplier<String> webhookUrl;
    private final CustomerEnricher enricher;
    private final Clock clock;
    private final RecentEventIds seen = new RecentEventIds(10_000);
    private final Duration budget;

    /**
     * @param signatures keyed with the instance's client secret
     * @param webhookUrl the URL HubSpot calls, without query: {@code publicBaseUrl + "/integrations/hubspot/webhook"}
     * @param enricher writes contacts onto customers
     * @param clock the clock the timestamp is checked against
     * @param budget how long a request may spend reading contacts before it answers ({@link #BUDGET} in
     *        production: HubSpot waits 5 seconds for an answer, then counts the delivery as failed)
     */
    public HubSpotWebhooks(HubSpotSignatures signatures, Supplier<String> webhookUrl, CustomerEnricher enricher,
            Clock clock, Duration budget) {
        this.signatures = signatures;
        this.webhookUrl = webhookUrl;
        this.enricher = enricher;
        this.clock = clock;
        this.budget = budget;
    }

    /** Handles one request to the webhook path. */
    public InboundResponse handle(InboundRequest request) {
        if (!signatures.configured()) {
            return InboundResponse.unauthorized("this HubSpot instance has no .client.secret configured");
        }
        String refused = verify(request);
        if (refused != null) {
            return InboundResponse.unauthorized(refused);
        }
        JsonNode events;
        try {
            events = JSON.readTree(request.body());
        } catch (IOException e) {
            events = null;
        }
        if (events == null || !events.isArray()) {
            return InboundResponse.problem(400, "Bad Request", "the body is not HubSpot's array of webhook events");
        }
        return apply(events);
    }

    /** @return null when the request is HubSpot's, signed for this instance; else why not (no secrets in it) */
    private String verify(InboundRequest request) {
        String signature = request.header(HubSpotSignatures.V3_HEADER);
        String timestamp = request.header(HubSpotSignatures.TIMESTAMP_HEADER);
        if (signature == null || signature.isBlank() || timestamp == null || timestamp.isBlank()) {
            return "missing " + HubSpotSignatures.V3_HEADER + " or " + HubSpotSignatures.TIMESTAMP_HEADER + " header";
        }
        long sent;
        try {
            sent = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return HubSpotSignatures.TIMESTAMP_HEADER + " is not a number of milliseconds";
        }
        if (Math.abs(clock.millis() - sent) > MAX_AGE.toMillis()) {
            return "the request timestamp is more than 5 minutes away from the hub's clock";
        }
        String url = webhookUrl.get() + (request.query().isEmpty() ? "" : "?" + request.query());
        byte[] body = request.body();
        if (HubSpotSignatures.matches(signatures.v3(request.method(), url, body, timestamp.strip()), signature)) {
            return null;
        }
        String legacy = request.header(HubSpotSignatures.LEGACY_HEADER);
        if (legacy != null && HubSpotSignatures.matches(signatures.v1(body), legacy)) {
            logger.warn("HubSpot webhook: the client secret and body check out (v1 signature), but the v3 signature "
                    + "over {} does not: set the hub's publicBaseUrl to the base of the target URL configured in the "
                    + "HubSpot app", url);
            return "signature mismatch: the v3 signature is not over this hub's public webhook URL";
        }
        return "signature mismatch";
    }

    private InboundResponse apply(JsonNode events) {
        long deadline = System.nanoTime() + budget.toNanos();
        Map<String, List<String>> contacts = new LinkedHashMap<>(); // contact id → keys of its new events
        int ignored = 0;
        int duplicates = 0;
        int inFlight = 0;
        for (JsonNode e : events) {
            String objectId = e.path("objectId").asText("");
            if (e.path("eventId").asText("").isEmpty() || objectId.isEmpty() || !aboutFollowedContactData(e)) {
                ignored++;
                continue;
            }
            String key = key(e);
            switch (seen.claim(key)) {
                case NEW -> contacts.computeIfAbsent(objectId, k -> new ArrayList<>()).add(key);
                case IN_FLIGHT -> inFlight++;
                case DONE -> duplicates++;
            }
        }
        int updated = 0;
        List<String> ids = new ArrayList<>(contacts.keySet());
        for (int i = 0; i < ids.size(); i++) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                ids.subList(i, ids.size()).forEach(id -> contacts.get(id).forEach(seen::release));
                return retryLater(10, "HubSpot's wait for an answer is nearly over; " + (ids.size() - i)
                        + " of " + ids.size() + " contacts are left for HubSpot's next delivery of this batch");
            }
            try {
                if (enricher.refresh(ids.get(i), Duration.ofNanos(left)).isPresent()) {
                    updated++;
                }
                contacts.get(ids.get(i)).forEach(seen::complete);
            } catch (IntegrationException e) {
                ids.subList(i, ids.size()).forEach(id -> contacts.get(id).forEach(seen::release));
                logger.debug("HubSpot webhook: contact {} not applied ({}: {}); HubSpot will deliver it again",
                        ids.get(i), e.category(), e.getMessage());
                if (!e.category().isRetryable()) {
                    return InboundResponse.problem(502, "Bad Gateway", "HubSpot could not be read: "
                            + e.getMessage());
                }
                return retryLater(e.retryAfter() == null ? 10 : Math.max(1, e.retryAfter().toSeconds()),
                        "HubSpot could not be read: " + e.getMessage());
            } catch (RuntimeException e) { // a bug: never leave claims behind that would refuse HubSpot's retries
                ids.subList(i, ids.size()).forEach(id -> contacts.get(id).forEach(seen::release));
                throw e;
            }
        }
        if (inFlight > 0) {
            return retryLater(10, inFlight + " events of this batch are being applied by another request meanwhile; "
                    + "the next delivery of the batch finds them applied");
        }
        return InboundResponse.json(200, "{\"contacts_read\":" + ids.size() + ",\"customers_updated\":" + updated
                + ",\"ignored\":" + ignored + ",\"duplicates\":" + duplicates + "}");
    }

    /** @return 503 with {@code Retry-After}: HubSpot delivers the batch again (it retries every 5xx) */
    private static InboundResponse retryLater(long seconds, String detail) {
        InboundResponse problem = InboundResponse.problem(503, "Service Unavailable", detail);
        return new InboundResponse(problem.status(), problem.contentType(), problem.body(),
                Map.of("Retry-After", Long.toString(seconds)));
    }

    /**
     * @return what identifies an event across HubSpot's retries, which repeat every field but
     *         {@code attemptNumber}: HubSpot does not promise that {@code eventId} alone is unique
     */
    static String key(JsonNode e) {
        return String.join("|", e.path("portalId").asText(""), e.path("subscriptionId").asText(""),
                e.path("eventId").asText(""), e.path("subscriptionType").asText(""), e.path("objectId").asText(""),
                e.path("propertyName").asText(""), e.path("occurredAt").asText(""));
    }

    /** @return whether an event is a contact's creation or a change of a followed property */
    private static boolean aboutFollowedContactData(JsonNode e) {
        String type = e.path("subscriptionType").asText("");
        boolean contact = type.startsWith("contact.")
                || type.startsWith("object.") && CONTACT_TYPE.equals(e.path("objectTypeId").asText(""));
        if (!contact) {
            return false;
        }
        String kind = type.substring(type.indexOf('.') + 1);
        return kind.equals("creation")
                || kind.equals("propertyChange") && FOLLOWED.contains(e.path("propertyName").asText(""));
    }
}
