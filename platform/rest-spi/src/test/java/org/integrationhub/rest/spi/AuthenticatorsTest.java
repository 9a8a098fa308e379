package org.integrationhub.rest.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.integrationhub.security.HubPrincipal;
import org.junit.jupiter.api.Test;

/** The ordered, live list of credential checks: API keys first, then the bound services by ranking. */
class AuthenticatorsTest {

    /** Accepts only its own token and answers with a principal named after it. */
    private static TokenAuthenticator accepting(String token) {
        HubPrincipal principal = new HubPrincipal(token, token, HubPrincipal.Kind.API_KEY, Set.of("admin"), null);
        return t -> t.equals(token) ? Optional.of(principal) : Optional.empty();
    }

    /** Accepts every token, answering with a principal named {@code name}. */
    private static TokenAuthenticator anyToken(String name) {
        HubPrincipal principal = new HubPrincipal(name, name, HubPrincipal.Kind.OAUTH_CLIENT, Set.of("admin"), null);
        return t -> Optional.of(principal);
    }

    private static Map<String, Object> props(long id, Object ranking) {
        Map<String, Object> props = new HashMap<>();
        props.put("service.id", id);
        if (ranking != null) {
            props.put("service.ranking", ranking);
        }
        return props;
    }

    private static Map<String, Object> props(long id) {
        return props(id, null);
    }

    @Test
    void theFirstCheckAloneWhenNothingIsBound() {
        TokenAuthenticator keys = accepting("key");
        Authenticators authenticators = new Authenticators(keys);
        assertThat(authenticators.list()).containsExactly(keys);
        assertThat(authenticators.authenticate("key")).map(HubPrincipal::clientId).hasValue("key");
        assertThat(authenticators.authenticate("other")).isEmpty();
        assertThat(new Authenticators(null).list()).isEmpty();
        assertThat(new Authenticators(null).authenticate("key")).isEmpty();
    }

    @Test
    void boundChecksFollowByRankingHighestFirstThenByServiceId() {
        TokenAuthenticator keys = accepting("key");
        TokenAuthenticator low = accepting("low");
        TokenAuthenticator defaultOld = accepting("default-old");
        TokenAuthenticator defaultNew = accepting("default-new");
        TokenAuthenticator high = accepting("high");
        Authenticators authenticators = new Authenticators(keys);
        authenticators.bind(defaultNew, props(12));
        authenticators.bind(low, props(5, -10));
        authenticators.bind(high, props(20, 100));
        authenticators.bind(defaultOld, props(3, 0));
        assertThat(authenticators.list()).containsExactly(keys, high, defaultOld, defaultNew, low);
    }

    @Test
    void aRankingThatIsNotAnIntegerCountsAsZero() {
        TokenAuthenticator keys = accepting("key");
        TokenAuthenticator stringRanked = accepting("string");
        TokenAuthenticator ranked = accepting("ranked");
        Authenticators authenticators = new Authenticators(keys);
        authenticators.bind(stringRanked, props(1, "500"));
        authenticators.bind(ranked, props(2, 1));
        assertThat(authenticators.list()).containsExactly(keys, ranked, stringRanked);
    }

    @Test
    void apiKeysAreAskedFirstWhateverTheRankingAndTheFirstAcceptingCheckAnswers() {
        Authenticators authenticators = new Authenticators(accepting("key"));
        authenticators.bind(anyToken("greedy"), props(1, Integer.MAX_VALUE));
        authenticators.bind(anyToken("later"), props(2, 0));
        assertThat(authenticators.authenticate("key")).map(HubPrincipal::clientId).hasValue("key");
        assertThat(authenticators.authenticate("jwt")).map(HubPrincipal::clientId).hasValue("greedy");
    }

    @Test
    void unbindRemovesByServiceIdEvenWhenTheRankingChangedMeanwhile() {
        TokenAuthenticator keys = accepting("key");
        TokenAuthenticator jwt = accepting("jwt");
        Authenticators authenticators = new Authenticators(keys);
        authenticators.bind(jwt, props(7, 10));
        assertThat(authenticators.authenticate("jwt")).isPresent();
        authenticators.unbind(null, props(7, 20)); // the framework passes the current properties
        assertThat(authenticators.list()).containsExactly(keys);
        assertThat(authenticators.authenticate("jwt")).isEmpty();
        authenticators.unbind(jwt, props(99)); // unknown: ignored
        assertThat(authenticators.list()).containsExactly(keys);
    }

    @Test
    void bindingTheSameServiceIdAgainReplacesItAndMovesItToItsNewRank() {
        TokenAuthenticator keys = accepting("key");
        TokenAuthenticator a = accepting("a");
        TokenAuthenticator b = accepting("b");
        Authenticators authenticators = new Authenticators(keys);
        authenticators.bind(a, props(1, 5));
        authenticators.bind(b, props(2, 1));
        authenticators.bind(a, props(1, 0)); // ranking modified
        assertThat(authenticators.list()).containsExactly(keys, b, a);
    }

    @Test
    void aListIsASnapshotThatLaterChangesLeaveAlone() {
        TokenAuthenticator keys = accepting("key");
        Authenticators authenticators = new Authenticators(keys);
        List<TokenAuthenticator> before = authenticators.list();
        authenticators.bind(accepting("jwt"), props(1));
        assertThat(before).containsExactly(keys);
        assertThat(authenticators.list()).hasSize(2);
        assertThatThrownBy(() -> authenticators.list().add(keys)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void propertiesWithoutALongServiceIdAreRefused() {
        Authenticators authenticators = new Authenticators(null);
        assertThatThrownBy(() -> authenticators.bind(accepting("x"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("service.id");
        assertThatThrownBy(() -> authenticators.unbind(null, Map.of("service.id", 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> authenticators.bind(null, props(1))).isInstanceOf(NullPointerException.class);
    }

    /**
     * Services come and go on other threads while requests authenticate: every request sees the API keys first and a
     * whole list (never an empty one between a removal and the rebuilt list), and the end state is exact.
     */
    @Test
    void bindAndUnbindWhileRequestsAuthenticate() throws Exception {
        TokenAuthenticator keys = accepting("key");
        TokenAuthenticator stable = accepting("stable");
        Authenticators authenticators = new Authenticators(keys);
        authenticators.bind(stable, props(1_000_000, 5));
        int binders = 4;
        int perBinder = 500;
        ExecutorService pool = Executors.newFixedThreadPool(binders + 2);
        AtomicBoolean done = new AtomicBoolean();
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Long>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    start.await();
                    long reads = 0;
                    while (!done.get() || reads == 0) {
                        List<TokenAuthenticator> list = authenticators.list();
                        if (list.get(0) != keys || !list.contains(stable)) {
                            throw new AssertionError("incomplete list seen: " + list.size() + " checks");
                        }
                        if (authenticators.authenticate("key").isEmpty()
                                || authenticators.authenticate("stable").isEmpty()) {
                            throw new AssertionError("a bound check was missed");
                        }
                        reads++;
                    }
                    return reads;
                }));
            }
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < binders; w++) {
                long base = w * 100_000L;
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perBinder; i++) {
                        long id = base + i;
                        authenticators.bind(accepting("t" + id), props(id, i % 7 - 3));
                        if (i % 2 == 0) {
                            authenticators.unbind(null, props(id));
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
            done.set(true);
            for (Future<Long> reader : readers) {
                assertThat(reader.get(60, TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }
        List<TokenAuthenticator> list = authenticators.list();
        assertThat(list).hasSize(2 + binders * perBinder / 2).startsWith(keys, stable);
        assertThat(authenticators.authenticate("t1")).isPresent();
        assertThat(authenticators.authenticate("t2")).isEmpty();
    }
}
