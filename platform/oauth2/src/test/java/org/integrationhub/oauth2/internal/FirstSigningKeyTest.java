package org.integrationhub.oauth2.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.integrationhub.oauth2.internal.store.SigningKeyStore;
import org.integrationhub.persistence.Database;
import org.integrationhub.persistence.internal.DatabaseImpl;
import org.integrationhub.persistence.testing.TestDatabases;
import org.integrationhub.persistence.testing.TestDatabases.Kind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.jwk.JWKSet;

/** The first signing key is created off the start-up path, and nothing that needs it runs without it. */
class FirstSigningKeyTest {

    Database database;
    OAuth2Settings settings;

    @BeforeEach
    void database() throws Exception {
        database = new DatabaseImpl(TestDatabases.create(Kind.H2));
        settings = new OAuth2Settings("http://127.0.0.1:1", null, Duration.ofMinutes(10), Duration.ofDays(30),
                Duration.ofSeconds(60), 16_384, "", "admin", "karaf");
    }

    @Test
    void startReturnsBeforeTheFirstKeyExistsAndACallerThatNeedsItCreatesItOnce() throws Exception {
        List<Runnable> deferred = new ArrayList<>();
        SigningKeys keys = new SigningKeys(new SigningKeyStore(database), settings, Clock.systemUTC());

        keys.start(deferred::add);

        assertThat(deferred).as("generation handed to the executor").hasSize(1);
        assertThat(new SigningKeyStore(database).list()).as("no key generated on the start path").isEmpty();
        String kid = keys.active().getKeyID(); // the executor has not run yet: the caller creates the key
        assertThat(JWKSet.parse(keys.jwksJson()).getKeys()).extracting(k -> k.getKeyID()).containsExactly(kid);
        deferred.get(0).run(); // late background task: must not add a second key
        assertThat(new SigningKeyStore(database).list()).hasSize(1);
        assertThat(keys.active().getKeyID()).isEqualTo(kid);
    }

    @Test
    void jwksIsNeverPublishedEmptyWhileTheFirstKeyIsPending() throws Exception {
        SigningKeys keys = new SigningKeys(new SigningKeyStore(database), settings, Clock.systemUTC());
        keys.start(task -> { }); // an executor that never runs it

        assertThat(JWKSet.parse(keys.jwksJson()).getKeys()).hasSize(1);
    }

    @Test
    void aSecondNodeThatStartedBeforeTheFirstKeyExistedUsesItInsteadOfRotatingItAway() {
        SigningKeys nodeA = new SigningKeys(new SigningKeyStore(database), settings, Clock.systemUTC());
        SigningKeys nodeB = new SigningKeys(new SigningKeyStore(database), settings, Clock.systemUTC());
        nodeA.start(task -> { });
        nodeB.start(task -> { }); // both started on an empty database

        String kid = nodeA.active().getKeyID();

        assertThat(nodeB.active().getKeyID()).isEqualTo(kid);
        assertThat(nodeA.describe()).hasSize(1).allMatch(k -> k.retiredAt() == null);
    }

    @Test
    void theOperatorsKeyListIsNeverEmptyWhileTheFirstKeyIsPending() {
        SigningKeys keys = new SigningKeys(new SigningKeyStore(database), settings, Clock.systemUTC());
        keys.start(task -> { }); // an executor that never runs it

        assertThat(keys.describe()).hasSize(1).allMatch(k -> k.retiredAt() == null);
    }

    @Test
    void concurrentCallersDuringBackgroundGenerationAllSignWithTheSameSingleKey() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(9);
        try {
            SigningKeys keys = new SigningKeys(new SigningKeyStore(database), settings, Clock.systemUTC());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> kids = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                kids.add(pool.submit(() -> {
                    go.await();
                    return keys.active().getKeyID();
                }));
            }
            keys.start(pool);
            go.countDown();
            Set<String> seen = ConcurrentHashMap.newKeySet();
            for (Future<String> f : kids) {
                seen.add(f.get(30, TimeUnit.SECONDS));
            }
            assertThat(seen).hasSize(1);
            assertThat(new SigningKeyStore(database).list()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anExistingKeyIsLoadedOnTheStartPathAndNothingIsScheduled() {
        new SigningKeys(new SigningKeyStore(database), settings, Clock.systemUTC()).start();
        List<Runnable> deferred = new ArrayList<>();
        SigningKeys restarted = new SigningKeys(new SigningKeyStore(database), settings, Clock.systemUTC());

        restarted.start(deferred::add);

        assertThat(deferred).isEmpty();
        assertThat(restarted.active()).isNotNull();
    }
}
