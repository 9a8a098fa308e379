package org.integrationhub.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import org.integrationhub.api.HubEvent;
import org.integrationhub.api.NewTicket;
import org.integrationhub.api.Person;
import org.integrationhub.api.Priority;
import org.integrationhub.spi.ActionDescriptor;
import org.integrationhub.spi.ActionRequest;
import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.HealthResult;
import org.integrationhub.spi.IntegrationDescriptor;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.IntegrationInterface;
import org.integrationhub.spi.IntegrationStatus;
import org.integrationhub.testkit.ContractCalls.VendorBehaviour;
import org.integrationhub.testkit.FakeHttpServer.Recorded;
import org.integrationhub.testkit.FakeHttpServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SPI contract every connector keeps, as plain JUnit 5 tests: extend it in {@code <Type>ContractTest}, build
 * the connector in {@link #createIntegration} against {@link #context} and {@link #remote} (the loopback fake of the
 * vendor API; script its successful answers there with {@link FakeHttpServer#route}), make it call its vendor once in
 * {@link #callVendor}, and list the secret values you configured in {@link #secrets()}. The checks:
 * <ol>
 * <li><b>Descriptor</b>: a valid instance name, a type, unique snake_case actions with descriptions, secret keys
 * starting with a dot (CONTRACT: connector instances), and the same descriptor on every call.</li>
 * <li><b>Unknown action</b> → {@link ErrorCategory#CONFIGURATION}.</li>
 * <li><b>Health</b>: {@code checkHealth()} returns a result, never throws, within {@link #timeLimit()}, and its detail
 * shows no secret — with the vendor answering normally, {@code 401}, {@code 500}, a body that is not what the
 * vendor sends ({@code 200} HTML), not answering at all, dropping the connection, or gone (connection refused). In
 * every case but the normal answer and the garbage body, the result is not ONLINE.</li>
 * <li><b>Error mapping</b> of the call {@link #callVendor} makes: {@code 401} and {@code 403} →
 * AUTHENTICATION, {@code 429} with {@code Retry-After: 7} → RATE_LIMITED carrying 7 s, {@code 500}/{@code 502}/
 * {@code 503} → COMMUNICATION (retryable), a vendor that does not answer → COMMUNICATION within
 * {@link #timeLimit()} (every request needs a timeout), a dropped connection and a refused one → COMMUNICATION.
 * Never an unchecked exception, never a secret in the message. A vendor whose status means something else
 * overrides {@link #expectedCategory(int)}; one that must be failed route by route overrides
 * {@link #answerVendor}.</li>
 * <li><b>Idempotent events</b>: {@link #sampleEvent()} delivered twice does not create a second remote object — by
 * default, every write request (not GET/HEAD/OPTIONS) of the second delivery carries an idempotency marker
 * ({@link #idempotencyMarker}, default header {@code Idempotency-Key}) the first delivery sent, or the second
 * delivery writes nothing. Skipped when {@code sampleEvent()} is null (a connector that takes no events).</li>
 * <li><b>No secret</b> in {@code toString()} of the connector or its descriptor, in the health details it reports
 * through {@link FakeIntegrationContext#reportStatus}, or in any log line written during any of these checks
 * ({@link LogCapture}: JUL and {@code System.out}/{@code System.err}, where slf4j-simple writes; set its level to
 * debug in {@code src/test/resources/simplelogger.properties} to have debug lines checked too).</li>
 * </ol>
 * Each check builds a fresh connector. The kit's own tests run these checks on deliberately broken connectors to
 * prove each one fails when its rule is broken.
 *
 * @since 0.1.0 (checks beyond the first three, hooks and fakes since 0.2.0)
 */
public abstract class IntegrationContractTest {

    /** The platform stand-in handed to the connector, with {@link #tickets} and their customers. */
    protected FakeIntegrationContext context;
    /** The loopback stand-in for the vendor API. */
    protected FakeHttpServer remote;
    /** The tickets behind {@link #context}; {@link #sampleEvent()} opens one here. @since 0.2.0 */
    protected FakeTicketService tickets;
    /** A link store for connectors that take one. @since 0.2.0 */
    protected FakeLinkStore links;
    private LogCapture logs;
    private final Set<String> created = new HashSet<>();

    /**
     * @param context the fake platform
     * @param remote the fake vendor API; point the connector's base URL at {@link FakeHttpServer#uri}
     * @return a configured, activated connector instance
     */
    protected abstract IntegrationInterface createIntegration(FakeIntegrationContext context, FakeHttpServer remote)
            throws Exception;

    /**
     * Makes the connector call its vendor once (an action, or {@code onEvent}) and return or throw what it got: the
     * checks script the vendor's answer and expect the matching {@link IntegrationException}.
     *
     * @param integration an instance from {@link #createIntegration}
     * @since 0.2.0
     */
    protected abstract void callVendor(IntegrationInterface integration) throws IntegrationException;

    /**
     * @return the secret values (tokens, passwords, signing secrets; as resolved, not {@code env:} references) the
     *         connector was configured with in {@link #createIntegration}; each at least 6 characters. Empty only
     *         for a connector without secrets.
     * @since 0.2.0
     */
    protected abstract Set<String> secrets();

    /**
     * @return an event the connector handles, delivered twice by the idempotency check; null if the connector takes
     *         no events (the check is then skipped). Default: the {@code ticket.created} of a new urgent ticket in
     *         {@link #tickets}.
     * @since 0.2.0
     */
    protected HubEvent sampleEvent() {
        tickets.create(new NewTicket("Printer on fire", "3rd floor, next to the kitchen", Priority.URGENT,
                new Person("ann@example.com", "Ann Example"), null));
        return tickets.lastEvent();
    }

    /**
     * @param status a vendor HTTP status the checks answer with: 401, 403, 429, 500, 502 or 503
     * @return the category the connector must report for it: AUTHENTICATION, RATE_LIMITED or COMMUNICATION
     * @since 0.2.0
     */
    protected ErrorCategory expectedCategory(int status) {
        if (status == 401 || status == 403) {
            return ErrorCategory.AUTHENTICATION;
        }
        return status == 429 ? ErrorCategory.RATE_LIMITED : ErrorCategory.COMMUNICATION;
    }

    /**
     * Makes the vendor give {@code reply} to the calls under test. Default: to every request
     * ({@link FakeHttpServer#answerEverything}); override to keep, e.g., a token endpoint answering normally.
     *
     * @since 0.2.0
     */
    protected void answerVendor(FakeHttpServer vendor, Reply reply) {
        vendor.answerEverything(reply);
    }

    /**
     * @return how long {@code callVendor} and {@code checkHealth} may take against a vendor that does not answer;
     *         configure the connector's request timeout below it. Default 10 s.
     * @since 0.2.0
     */
    protected Duration timeLimit() {
        return Duration.ofSeconds(10);
    }

    /**
     * @param request a write request the connector sent
     * @return what makes the vendor recognise a repeated request, or null if it carries none. Default: the
     *         {@code Idempotency-Key} header.
     * @since 0.2.0
     */
    protected String idempotencyMarker(Recorded request) {
        return request.header("Idempotency-Key");
    }

    @BeforeEach
    void startFakes() throws Exception {
        logs = LogCapture.start();
        tickets = new FakeTicketService();
        context = new FakeIntegrationContext(tickets, tickets.customers());
        links = new FakeLinkStore();
        remote = FakeHttpServer.start();
    }

    @AfterEach
    void stopFakes() {
        if (remote != null) {
            remote.close();
        }
        if (context != null) {
            context.close();
        }
        if (logs == null) {
            return;
        }
        logs.close();
        assertNoSecret("the log output of this check", logs.text());
        for (String name : created) {
            for (HealthResult r : context.reports(name)) {
                assertNoSecret("a status reported for '" + name + "'", r.detail());
            }
        }
    }

    private IntegrationInterface create() throws Exception {
        IntegrationInterface integration = createIntegration(context, remote);
        assertThat(integration).as("createIntegration").isNotNull();
        created.add(integration.descriptor().name());
        return integration;
    }

    @Test
    void descriptorIsValidAndConstant() throws Exception {
        IntegrationInterface integration = create();
        IntegrationDescriptor d = integration.descriptor();
        assertThat(IntegrationDescriptor.isValidName(d.name())).as("name %s", d.name()).isTrue();
        assertThat(d.type()).isNotBlank();
        Set<String> names = new HashSet<>();
        for (ActionDescriptor a : d.actions()) {
            assertThat(a.name()).matches("[a-z][a-z0-9_]*");
            assertThat(a.description()).isNotBlank();
            assertThat(names.add(a.name())).as("duplicate action %s", a.name()).isTrue();
        }
        assertThat(d.secretProperties()).as("secret configuration keys start with a dot (kept out of service "
                + "properties)").allMatch(k -> k.startsWith("."));
        assertThat(integration.descriptor()).isEqualTo(d);
    }

    @Test
    void unknownActionIsAConfigurationError() throws Exception {
        IntegrationInterface integration = create();
        IntegrationException e = classified("execute(no_such_action)",
                () -> integration.execute(new ActionRequest("no_such_action", Map.of(), "k1")));
        assertThat(e.category()).isEqualTo(ErrorCategory.CONFIGURATION);
    }

    @Test
    void healthCheckNeverThrowsAndClassifiesADeadRemote() throws Exception {
        IntegrationInterface integration = create();
        remote.close();
        HealthResult result = health(integration, "a vendor that refuses connections");
        assertThat(result.status()).as("health with the vendor gone").isNotEqualTo(IntegrationStatus.ONLINE);
    }

    @ParameterizedTest(name = "vendor {0}")
    @EnumSource(VendorBehaviour.class)
    void healthCheckNeverThrowsNorShowsASecret(VendorBehaviour behaviour) throws Exception {
        checkSecrets();
        IntegrationInterface integration = create();
        if (behaviour == VendorBehaviour.HANGING) {
            answerVendor(remote, behaviour.reply.withDelay(timeLimit().plusSeconds(5)));
        } else if (behaviour.reply != null) {
            answerVendor(remote, behaviour.reply);
        }
        HealthResult result = health(integration, "a vendor answering " + behaviour);
        assertNoSecret("the health detail (vendor " + behaviour + ")", result.detail());
        if (behaviour != VendorBehaviour.NORMAL && behaviour != VendorBehaviour.GARBAGE) {
            assertThat(result.status()).as("health with the vendor %s", behaviour)
                    .isNotEqualTo(IntegrationStatus.ONLINE);
        }
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {401, 403, 429, 500, 502, 503})
    void vendorStatusesMapToTheirCategory(int status) throws Exception {
        checkSecrets();
        IntegrationInterface integration = create();
        answerVendor(remote, Reply.of(status, "{\"error\":\"contract check " + status + "\"}")
                .withHeader("Retry-After", "7"));
        IntegrationException e = callFails("the vendor answering HTTP " + status, integration);
        ErrorCategory expected = expectedCategory(status);
        assertThat(e.category()).as("category of a vendor HTTP %d (%s)", status, e.getMessage()).isEqualTo(expected);
        if (expected == ErrorCategory.RATE_LIMITED) {
            assertThat(e.retryAfter()).as("retryAfter of a 429 with Retry-After: 7").isEqualTo(Duration.ofSeconds(7));
        }
        if (status >= 500) {
            assertThat(e.category().isRetryable()).as("a vendor 5xx is retryable").isTrue();
        }
    }

    @Test
    void aVendorThatDoesNotAnswerIsACommunicationErrorInTime() throws Exception {
        IntegrationInterface integration = create();
        answerVendor(remote, Reply.of(200, "{}").withDelay(timeLimit().plusSeconds(5)));
        IntegrationException e = callFails("a vendor that does not answer", integration);
        assertThat(e.category()).as("category of a timeout (%s)", e.getMessage())
                .isEqualTo(ErrorCategory.COMMUNICATION);
    }

    @Test
    void aDroppedConnectionIsACommunicationError() throws Exception {
        IntegrationInterface integration = create();
        answerVendor(remote, Reply.drop());
        IntegrationException e = callFails("a vendor that drops the connection", integration);
        assertThat(e.category()).as("category of a reset connection (%s)", e.getMessage())
                .isEqualTo(ErrorCategory.COMMUNICATION);
    }

    @Test
    void aRefusedConnectionIsACommunicationError() throws Exception {
        IntegrationInterface integration = create();
        remote.close();
        IntegrationException e = callFails("a vendor that refuses connections", integration);
        assertThat(e.category()).as("category of a refused connection (%s)", e.getMessage())
                .isEqualTo(ErrorCategory.COMMUNICATION);
    }

    @Test
    void onEventIsIdempotentOnTheEventId() throws Exception {
        HubEvent event = sampleEvent();
        Assumptions.assumeTrue(event != null, "sampleEvent() is null: the connector takes no events");
        IntegrationInterface integration = create();
        int before = remote.requests().size();
        deliver(integration, event, "first");
        List<Recorded> first = writes(before);
        int between = remote.requests().size();
        deliver(integration, event, "second");
        List<Recorded> second = writes(between);
        Set<String> markers = new HashSet<>();
        first.forEach(r -> markers.add(idempotencyMarker(r)));
        markers.remove(null);
        for (Recorded r : second) {
            String marker = idempotencyMarker(r);
            if (marker == null || !markers.contains(marker)) {
                fail("the second delivery of event " + event.id() + " (" + event.type().wireName() + ") sent "
                        + r.requestLine() + " with " + (marker == null ? "no idempotency marker" : "the new marker "
                        + marker) + ": at-least-once delivery would make a second remote object. Skip events "
                        + "already handled (remember the remote id in the LinkStore) or send event.id() as the "
                        + "vendor's idempotency key (override idempotencyMarker if it is not the Idempotency-Key "
                        + "header). First delivery: " + FakeHttpServer.describe(first) + "; second: "
                        + FakeHttpServer.describe(second));
            }
        }
    }

    @Test
    void noSecretInToStringHealthOrLogs() throws Exception {
        checkSecrets();
        IntegrationInterface integration = create();
        assertNoSecret("toString() of the connector", String.valueOf(integration));
        assertNoSecret("toString() of its descriptor", String.valueOf(integration.descriptor()));
        assertNoSecret("the health detail", health(integration, "a vendor answering normally").detail());
        HubEvent event = sampleEvent();
        answerVendor(remote, Reply.of(401, "{\"error\":\"invalid_auth\"}"));
        assertNoSecret("the health detail (vendor 401)", health(integration, "a vendor answering 401").detail());
        assertNoSecret("the error message (vendor 401)", callFails("the vendor answering 401", integration)
                .getMessage());
        answerVendor(remote, Reply.of(500, "{}"));
        assertNoSecret("the error message (vendor 500)", callFails("the vendor answering 500", integration)
                .getMessage());
        if (event != null) {
            try {
                within("onEvent", () -> {
                    integration.onEvent(event);
                    return null;
                });
            } catch (IntegrationException e) {
                assertNoSecret("the error message of onEvent (vendor 500)", e.getMessage());
            }
        }
        assertNoSecret("toString() of the connector after use", String.valueOf(integration));
        // the log lines of all of this are checked after the test, as after every check
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private void deliver(IntegrationInterface integration, HubEvent event, String which) throws Exception {
        try {
            within("onEvent (" + which + " delivery)", () -> {
                integration.onEvent(event);
                return null;
            });
        } catch (IntegrationException e) {
            throw new AssertionError("the " + which + " delivery of sampleEvent() failed (" + e.category() + ": "
                    + e.getMessage() + "): script the vendor's successful answers in createIntegration "
                    + "(remote.route), or override sampleEvent(); requests the vendor got: "
                    + FakeHttpServer.describe(remote.requests()), e);
        }
    }

    private List<Recorded> writes(int from) {
        List<Recorded> all = remote.requests();
        List<Recorded> out = new ArrayList<>();
        for (Recorded r : all.subList(Math.min(from, all.size()), all.size())) {
            if (!Set.of("GET", "HEAD", "OPTIONS").contains(r.method())) {
                out.add(r);
            }
        }
        return out;
    }

    private void checkSecrets() {
        Set<String> secrets = secrets();
        assertThat(secrets).as("secrets()").isNotNull();
        for (String s : secrets) {
            assertThat(s).as("each of secrets() is a configured secret value of at least 6 characters").isNotNull()
                    .hasSizeGreaterThanOrEqualTo(6);
        }
    }

    /** Fails if {@code text} contains a secret, showing the text with every secret masked. @since 0.2.0 */
    protected final void assertNoSecret(String where, String text) {
        Set<String> secrets = secrets();
        if (text == null || secrets == null) {
            return;
        }
        int i = 0;
        for (String secret : secrets) {
            i++;
            if (secret != null && secret.length() >= 6 && text.contains(secret)) {
                fail("secret #" + i + " of secrets() appears in " + where + ": " + ContractCalls.masked(text, secrets));
            }
        }
    }

    private HealthResult health(IntegrationInterface integration, String situation) throws Exception {
        return ContractCalls.health(timeLimit(), integration, situation);
    }

    private IntegrationException callFails(String situation, IntegrationInterface integration) throws Exception {
        IntegrationException e = classified("callVendor against " + situation, () -> callVendor(integration));
        assertNoSecret("the error message against " + situation, e.getMessage());
        return e;
    }

    private IntegrationException classified(String what, ContractCalls.VendorCall call) throws Exception {
        return ContractCalls.classified(timeLimit(), what, call, remote);
    }

    private <T> T within(String what, Callable<T> call) throws Exception {
        return ContractCalls.within(timeLimit(), what, call);
    }
}
