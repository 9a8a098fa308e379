package org.integrationhub.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.IntegrationInterface;
import org.integrationhub.testkit.ReferenceConnector.Flaw;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The contract's checks can fail: they run (through the JUnit launcher, as a build would) on {@link ReferenceConnector}
 * — all pass, none skipped — and on one broken variant per rule, where exactly the checks of that rule fail (a flaw
 * that leaks into the logs of every vendor call fails every check that calls the vendor, so there only "at least").
 */
class IntegrationContractSelfTest {

    static final String TOKEN = "tok-5f3a9c27e1";

    /** The contract on the reference connector with the flaws of the subclass. */
    abstract static class Contract extends IntegrationContractTest {
        abstract Flaw[] flaws();

        @Override
        protected IntegrationInterface createIntegration(FakeIntegrationContext context, FakeHttpServer remote) {
            return new ReferenceConnector(context.httpClient(), remote.uri("/api"), TOKEN, flaws());
        }

        @Override
        protected void callVendor(IntegrationInterface integration) throws IntegrationException {
            integration.execute(new org.integrationhub.spi.ActionRequest("send", Map.of("text", "hi"), "k-1"));
        }

        @Override
        protected Set<String> secrets() {
            return Set.of(TOKEN);
        }

        @Override
        protected Duration timeLimit() {
            return Duration.ofSeconds(3);
        }
    }

    static class Correct extends Contract {
        @Override
        Flaw[] flaws() {
            return new Flaw[0];
        }
    }

    /** The flaw under test, read by the class the launcher instantiates. */
    static volatile Flaw current;

    static class Broken extends Contract {
        @Override
        Flaw[] flaws() {
            return new Flaw[] {current};
        }
    }

    /** Outcome per check method: failures with their messages, successes, skips. */
    static final class Outcomes implements TestExecutionListener {
        final Map<String, String> failed = new ConcurrentHashMap<>();
        final Set<String> passed = ConcurrentHashMap.newKeySet();
        final Set<String> skipped = ConcurrentHashMap.newKeySet();

        private static String method(TestIdentifier id) {
            return id.getSource().filter(MethodSource.class::isInstance).map(s -> ((MethodSource) s).getMethodName())
                    .orElse(id.getDisplayName());
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            skipped.add(method(id));
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (!id.isTest()) {
                return;
            }
            if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                passed.add(method(id));
            } else {
                failed.merge(method(id), id.getDisplayName() + ": " + result.getThrowable().map(Throwable::getMessage)
                        .orElse("?"), (a, b) -> a + " | " + b);
            }
        }
    }

    static Outcomes run(Class<?> contract) {
        Outcomes outcomes = new Outcomes();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(contract))
                .build(), outcomes);
        return outcomes;
    }

    static final Set<String> ALL_CHECKS = Set.of("descriptorIsValidAndConstant", "unknownActionIsAConfigurationError",
            "healthCheckNeverThrowsAndClassifiesADeadRemote", "healthCheckNeverThrowsNorShowsASecret",
            "vendorStatusesMapToTheirCategory", "aVendorThatDoesNotAnswerIsACommunicationErrorInTime",
            "aDroppedConnectionIsACommunicationError", "aRefusedConnectionIsACommunicationError",
            "onEventIsIdempotentOnTheEventId", "noSecretInToStringHealthOrLogs");

    @Test
    void aConnectorThatKeepsTheContractPassesEveryCheck() {
        Outcomes outcomes = run(Correct.class);
        assertThat(outcomes.failed).isEmpty();
        assertThat(outcomes.skipped).isEmpty();
        assertThat(outcomes.passed).isEqualTo(ALL_CHECKS);
    }

    /** The checks each flaw must fail; {@code exact}: and no other. */
    static Map<Flaw, Set<String>> expected() {
        Map<Flaw, Set<String>> m = new TreeMap<>();
        m.put(Flaw.SECRET_KEY_WITHOUT_DOT, Set.of("descriptorIsValidAndConstant"));
        m.put(Flaw.UNKNOWN_ACTION_IS_INTERNAL, Set.of("unknownActionIsAConfigurationError"));
        m.put(Flaw.TOKEN_IN_TO_STRING, Set.of("noSecretInToStringHealthOrLogs"));
        m.put(Flaw.TOKEN_IN_HEALTH_DETAIL, Set.of("healthCheckNeverThrowsNorShowsASecret",
                "noSecretInToStringHealthOrLogs"));
        m.put(Flaw.TOKEN_IN_JUL_LOG, Set.of("noSecretInToStringHealthOrLogs", "vendorStatusesMapToTheirCategory",
                "onEventIsIdempotentOnTheEventId"));
        m.put(Flaw.TOKEN_ON_STDERR, Set.of("noSecretInToStringHealthOrLogs", "vendorStatusesMapToTheirCategory",
                "healthCheckNeverThrowsNorShowsASecret"));
        m.put(Flaw.HEALTH_THROWS_ON_GARBAGE, Set.of("healthCheckNeverThrowsNorShowsASecret"));
        m.put(Flaw.HEALTH_ALWAYS_ONLINE, Set.of("healthCheckNeverThrowsAndClassifiesADeadRemote",
                "healthCheckNeverThrowsNorShowsASecret"));
        m.put(Flaw.AUTH_AS_REMOTE, Set.of("vendorStatusesMapToTheirCategory"));
        m.put(Flaw.IGNORES_RETRY_AFTER, Set.of("vendorStatusesMapToTheirCategory"));
        m.put(Flaw.SERVER_ERROR_AS_REMOTE, Set.of("vendorStatusesMapToTheirCategory"));
        m.put(Flaw.NO_TIMEOUT, Set.of("aVendorThatDoesNotAnswerIsACommunicationErrorInTime",
                "healthCheckNeverThrowsNorShowsASecret"));
        m.put(Flaw.IO_ERRORS_UNCHECKED, Set.of("aVendorThatDoesNotAnswerIsACommunicationErrorInTime",
                "aDroppedConnectionIsACommunicationError", "aRefusedConnectionIsACommunicationError",
                "healthCheckNeverThrowsAndClassifiesADeadRemote", "healthCheckNeverThrowsNorShowsASecret"));
        m.put(Flaw.EVENTS_WITHOUT_IDEMPOTENCY_KEY, Set.of("onEventIsIdempotentOnTheEventId"));
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flaw.class)
    void eachBrokenRuleFailsItsChecks(Flaw flaw) {
        current = flaw;
        Outcomes outcomes = run(Broken.class);
        Set<String> failing = new TreeSet<>(outcomes.failed.keySet());
        boolean leaksIntoEveryLog = flaw == Flaw.TOKEN_IN_JUL_LOG || flaw == Flaw.TOKEN_ON_STDERR;
        if (leaksIntoEveryLog) {
            assertThat(failing).as("%s: %s", flaw, outcomes.failed).containsAll(expected().get(flaw));
        } else {
            assertThat(failing).as("%s: %s", flaw, outcomes.failed).isEqualTo(new TreeSet<>(expected().get(flaw)));
        }
        assertThat(outcomes.failed.values()).as("failure messages never show the secret").noneMatch(
                m -> m.contains(TOKEN));
    }
}
