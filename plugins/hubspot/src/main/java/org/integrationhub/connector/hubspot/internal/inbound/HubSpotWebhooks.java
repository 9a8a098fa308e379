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
 * hub customer with its e-mail address; other events are acknowledged and ignored; an {@code eventId} handled before
 * is skipped. When HubSpot cannot be read the answer is 503, so HubSpot delivers the batch again.
 */
public final class HubSpotWebhooks {

    /** The inbound path below {@code /integrations/hubspot/}. */
    public static final String PATH = "webhook";
    /** How far the request timestamp may be from the hub's clock. */
    static final Duration MAX_AGE = Duration.ofMinutes(5);
    /** The contact properties whose changes update a customer. */
    static final Set<String> FOLLOWED = Set.of("company", "phone", "lifecyclestage", "total_revenue");
    private static final String CONTACT_TYPE = "0-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Logger logger = LoggerFactory.getLogger(HubSpotWebhooks.class);
    private final HubSpotSignatures signatures;
    private final Supplier<String> webhookUrl;
    private final CustomerEnricher enricher;
    private final Clock clock;
    private final RecentEventIds seen = new RecentEventIds(10_000);

    /**
     * @param signatures keyed with the instance's client secret
     * @param webhookUrl the URL HubSpot calls, without query: {@code publicBaseUrl + "/integrations/hubspot/webhook"}
     * @param enricher writes contacts onto customers
     * @param clock the clock the timestamp is checked against
     */
    public HubSpotWebhooks(HubSpotSignatures signatures, Supplier<String> webhookUrl, CustomerEnricher enricher,
            Clock clock) {
        this.signatures = signatures;
        this.webhookUrl = webhookUrl;
        this.enricher = enricher;
        this.clock = clock;
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
        Map<String, List<String>> contacts = new LinkedHashMap<>(); // contact id → its new event ids
        int ignored = 0;
        int duplicates = 0;
        for (JsonNode e : events) {
            String eventId = e.path("eventId").asText("");
            String objectId = e.path("objectId").asText("");
            if (eventId.isEmpty() || objectId.isEmpty() || !aboutFollowedContactData(e)) {
                ignored++;
            } else if (!seen.claim(eventId)) {
                duplicates++;
            } else {
                contacts.computeIfAbsent(objectId, k -> new ArrayList<>()).add(eventId);
            }
        }
        int updated = 0;
        List<String> ids = new ArrayList<>(contacts.keySet());
        for (int i = 0; i < ids.size(); i++) {
            try {
                if (enricher.refresh(ids.get(i)).isPresent()) {
                    updated++;
                }
            } catch (IntegrationException e) {
                ids.subList(i, ids.size()).forEach(id -> contacts.get(id).forEach(seen::release));
                logger.debug("HubSpot webhook: contact {} not applied ({}: {}); HubSpot will deliver it again",
                        ids.get(i), e.category(), e.getMessage());
                boolean retryable = e.category().isRetryable();
                long wait = e.retryAfter() == null ? 10 : Math.max(1, e.retryAfter().toSeconds());
                InboundResponse problem = InboundResponse.problem(retryable ? 503 : 502, retryable
                        ? "Service Unavailable" : "Bad Gateway", "HubSpot could not be read: " + e.getMessage());
                return retryable ? new InboundResponse(problem.status(), problem.contentType(), problem.body(),
                        Map.of("Retry-After", Long.toString(wait))) : problem;
            }
        }
        return InboundResponse.json(200, "{\"contacts_read\":" + ids.size() + ",\"customers_updated\":" + updated
                + ",\"ignored\":" + ignored + ",\"duplicates\":" + duplicates + "}");
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
