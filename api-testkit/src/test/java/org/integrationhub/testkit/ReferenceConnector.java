package org.integrationhub.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

import org.integrationhub.api.HubEvent;
import org.integrationhub.spi.ActionDescriptor;
import org.integrationhub.spi.ActionRequest;
import org.integrationhub.spi.ActionResult;
import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.HealthResult;
import org.integrationhub.spi.IntegrationDescriptor;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.IntegrationInterface;

/**
 * A small connector that keeps the contract, and the flaws that each break one rule: the contract's own tests run
 * {@link IntegrationContractTest} on it with and without each flaw.
 */
final class ReferenceConnector implements IntegrationInterface {

    /** One broken rule. */
    enum Flaw {
        SECRET_KEY_WITHOUT_DOT, UNKNOWN_ACTION_IS_INTERNAL, TOKEN_IN_TO_STRING, TOKEN_IN_HEALTH_DETAIL,
        TOKEN_IN_JUL_LOG, TOKEN_ON_STDERR, HEALTH_THROWS_ON_GARBAGE, HEALTH_ALWAYS_ONLINE, AUTH_AS_REMOTE,
        IGNORES_RETRY_AFTER, SERVER_ERROR_AS_REMOTE, NO_TIMEOUT, IO_ERRORS_UNCHECKED, EVENTS_WITHOUT_IDEMPOTENCY_KEY
    }

    private static final Logger LOG = Logger.getLogger(ReferenceConnector.class.getName());

    private final IntegrationDescriptor descriptor;
    private final HttpClient http;
    private final URI base;
    private final String token;
    private final Set<Flaw> flaws;

    ReferenceConnector(HttpClient http, URI base, String token, Flaw... flaws) {
        this.flaws = flaws.length == 0 ? EnumSet.noneOf(Flaw.class) : EnumSet.copyOf(List.of(flaws));
        this.descriptor = new IntegrationDescriptor("reference", "reference", "1.0.0",
                List.of(new ActionDescriptor("send", "Sends a text", List.of("text"))), null,
                Set.of(has(Flaw.SECRET_KEY_WITHOUT_DOT) ? "token" : ".token"));
        this.http = http;
        this.base = base;
        this.token = token;
    }

    private boolean has(Flaw flaw) {
        return flaws.contains(flaw);
    }

    @Override
    public IntegrationDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ActionResult execute(ActionRequest request) throws IntegrationException {
        if (!request.action().equals("send")) {
            throw new IntegrationException(has(Flaw.UNKNOWN_ACTION_IS_INTERNAL) ? ErrorCategory.INTERNAL
                    : ErrorCategory.CONFIGURATION, "unknown action " + request.action(), null);
        }
        HttpResponse<String> r = send("POST", "/messages", "{\"text\":\"" + request.params().get("text") + "\"}",
                request.idempotencyKey());
        return new ActionResult(Map.of("status", r.statusCode()));
    }

    @Override
    public void onEvent(HubEvent event) throws IntegrationException {
        send("POST", "/events", "{\"id\":\"" + event.id() + "\"}",
                has(Flaw.EVENTS_WITHOUT_IDEMPOTENCY_KEY) ? null : event.id());
    }

    @Override
    public HealthResult checkHealth() {
        if (has(Flaw.HEALTH_ALWAYS_ONLINE)) {
            return HealthResult.online("fine, surely");
        }
        try {
            String body = send("GET", "/me", null, null).body();
            if (!body.startsWith("{")) {
                if (has(Flaw.HEALTH_THROWS_ON_GARBAGE)) {
                    throw new IllegalStateException("not JSON: " + body);
                }
                return HealthResult.degraded("the vendor answered something other than JSON");
            }
            return HealthResult.online("authenticated");
        } catch (IntegrationException e) {
            HealthResult result = HealthResult.of(e);
            return has(Flaw.TOKEN_IN_HEALTH_DETAIL) ? new HealthResult(result.status(), result.detail()
                    + " (token " + token + ")") : result;
        }
    }

    private HttpResponse<String> send(String method, String path, String json, String idempotencyKey)
            throws IntegrationException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization",
                "Bearer " + token).method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (!has(Flaw.NO_TIMEOUT)) {
            b.timeout(Duration.ofMillis(500));
        }
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        } else if (json != null) {
            b.header("X-Request-Id", UUID.randomUUID().toString());
        }
        if (has(Flaw.TOKEN_IN_JUL_LOG)) {
            LOG.fine("calling " + path + " with token " + token);
        }
        if (has(Flaw.TOKEN_ON_STDERR)) {
            System.err.println("DEBUG calling " + path + " as Bearer " + token);
        }
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            if (has(Flaw.IO_ERRORS_UNCHECKED)) {
                throw new UncheckedIOException(e);
            }
            throw new IntegrationException(ErrorCategory.COMMUNICATION, path + " failed: " + e.getClass()
                    .getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntegrationException(ErrorCategory.COMMUNICATION, "interrupted", e);
        }
        int status = r.statusCode();
        if (status / 100 == 2) {
            return r;
        }
        ErrorCategory category = ErrorCategory.fromHttpStatus(status);
        if (category == ErrorCategory.AUTHENTICATION && has(Flaw.AUTH_AS_REMOTE)
                || category == ErrorCategory.COMMUNICATION && has(Flaw.SERVER_ERROR_AS_REMOTE)) {
            category = ErrorCategory.REMOTE;
        }
        Duration retryAfter = category == ErrorCategory.RATE_LIMITED && !has(Flaw.IGNORES_RETRY_AFTER)
                ? r.headers().firstValue("Retry-After").map(v -> Duration.ofSeconds(Long.parseLong(v))).orElse(null)
                : null;
        throw new IntegrationException(category, path + " answered HTTP " + status, null, retryAfter);
    }

    @Override
    public String toString() {
        return "ReferenceConnector[" + base + (has(Flaw.TOKEN_IN_TO_STRING) ? ", token=" + token : "") + "]";
    }
}
