package org.integrationhub.oauth2.internal;

import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

import org.integrationhub.oauth2.internal.store.SigningKeyRow;
import org.integrationhub.oauth2.internal.store.SigningKeyStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.github.f4b6a3.ulid.UlidCreator;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

/**
 * The RS256 signing keys, persisted in the database: the newest unretired key signs; retired keys stay published
 * (and accepted) until every token they signed has expired (access token lifetime + one minute). Keys are reloaded
 * from the database periodically and whenever a token names an unknown {@code kid}, so a rotation on one node
 * reaches the others.
 *
 * <p>Thread-safe: the key set is an immutable snapshot swapped atomically.
 */
public final class SigningKeys {

    private static final Duration RELOAD_THROTTLE = Duration.ofSeconds(5);

    private final Logger logger = LoggerFactory.getLogger(SigningKeys.class);

    private final SigningKeyStore store;
    private final KeyEncryption encryption;
    private final Duration overlap;
    private final Clock clock;
    private volatile Snapshot snapshot = new Snapshot(null, Map.of(), List.of(), Instant.EPOCH);

    public SigningKeys(SigningKeyStore store, OAuth2Settings settings, Clock clock) {
        this.store = store;
        this.encryption = new KeyEncryption(settings.keyEncryptionSecret());
        this.overlap = settings.accessTokenLifetime().plusMinutes(1);
        this.clock = clock;
    }

    /** Loads the keys, creating the first one (now, on the caller's thread) if there is none. */
    public void start() {
        start(Runnable::run);
    }

    /**
     * Loads the keys; if there is none yet (the first start of a hub), generates the first one on {@code executor},
     * off the caller's path: RSA key generation in a cold JVM costs a noticeable part of the hub's start-up. Until
     * that key exists, {@link #active()}, {@link #jwksJson()} and {@link #describe()} wait for it (or create it themselves if the
     * executor has not got to it yet), so no token is ever signed, nor an empty key set published, without a key.
     */
    public void start(Executor executor) {
        synchronized (this) {
            reload();
            if (snapshot.active != null) {
                return;
            }
        }
        executor.execute(() -> {
            try {
                ensureActive();
            } catch (RuntimeException e) {
                // the first request that needs the key tries again (and reports the failure to its caller)
                logger.warn("Could not create the first signing key; retrying when one is needed: {}", e.toString());
            }
        });
    }

    /**
     * Creates the first key unless there is an active one (waits while another thread is creating it). Reads the
     * store first: another node sharing the database may have created it meanwhile, and rotating then would retire
     * that node's key under it.
     */
    private synchronized RSAKey ensureActive() {
        if (snapshot.active == null) {
            reload();
        }
        if (snapshot.active == null) {
            rotate();
        }
        return snapshot.active;
    }

    /** Creates a new active key and retires the current one. @return the new kid */
    public synchronized String rotate() {
        try {
            String kid = UlidCreator.getMonotonicUlid().toString();
            RSAKey key = new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .generate();
            store.activate(new SigningKeyRow(kid, key.toPublicJWK().toJSONString(),
                    encryption.seal(key.toPrivateKey().getEncoded()), clock.instant(), null));
            reload();
            return kid;
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    /** Re-reads the keys from the database. */
    public synchronized void reload() {
        Instant now = clock.instant();
        RSAKey active = null;
        Map<String, RSAKey> valid = new java.util.HashMap<>();
        List<RSAKey> published = new ArrayList<>();
        for (SigningKeyRow row : store.list()) {
            if (row.retiredAt() != null && row.retiredAt().plus(overlap).isBefore(now)) {
                continue;
            }
            RSAKey key = toKey(row);
            if (row.retiredAt() == null && active == null) {
                active = key;
            }
            valid.put(row.kid(), key);
            published.add(key.toPublicJWK());
        }
        snapshot = new Snapshot(active, Map.copyOf(valid), List.copyOf(published), now);
    }

    /** @return the key that signs new tokens (with its private part) */
    public RSAKey active() {
        RSAKey key = snapshot.active;
        if (key == null) {
            key = ensureActive(); // start() is still creating the first key: wait for it (or create it)
        }
        if (key == null) {
            throw new IllegalStateException("no signing key");
        }
        return key;
    }

    /** @return the public key with that kid, if it may still verify tokens (reloads once for an unknown kid) */
    public Optional<RSAKey> verificationKey(String kid) {
        Snapshot s = snapshot;
        RSAKey key = kid == null ? null : s.valid.get(kid);
        if (key == null && kid != null && s.loadedAt.plus(RELOAD_THROTTLE).isBefore(clock.instant())) {
            reload();
            key = snapshot.valid.get(kid);
        }
        return Optional.ofNullable(key);
    }

    /** @return the public JWK set: the active key and the retired keys still in their overlap */
    public String jwksJson() {
        if (snapshot.active == null) {
            ensureActive(); // never publish an empty set while the first key is being created
        }
        return new JWKSet(new ArrayList<>(snapshot.published)).toString(true);
    }

    /** @return the keys still signing or published, newest (the active one) first, without private parts */
    public List<org.integrationhub.oauth2.SigningKeyInfo> describe() {
        if (snapshot.active == null) {
            ensureActive(); // an operator never sees a fresh hub without its signing key
        }
        Instant now = clock.instant();
        List<org.integrationhub.oauth2.SigningKeyInfo> result = new ArrayList<>();
        for (SigningKeyRow row : store.list()) {
            Instant until = row.retiredAt() == null ? null : row.retiredAt().plus(overlap);
            if (until == null || !until.isBefore(now)) {
                result.add(new org.integrationhub.oauth2.SigningKeyInfo(row.kid(), JWSAlgorithm.RS256.getName(),
                        row.createdAt(), row.retiredAt(), until));
            }
        }
        return result;
    }

    /** Deletes keys retired longer ago than the overlap. */
    public void deleteExpired() {
        store.deleteRetiredBefore(clock.instant().minus(overlap));
    }

    private RSAKey toKey(SigningKeyRow row) {
        try {
            RSAKey pub = RSAKey.parse(row.publicJwk());
            PrivateKey priv = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(encryption.open(row.privateKey())));
            return new RSAKey.Builder(pub).privateKey(priv).build();
        } catch (ParseException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("unreadable signing key " + row.kid(), e);
        }
    }

    private record Snapshot(RSAKey active, Map<String, RSAKey> valid, List<RSAKey> published, Instant loadedAt) {
    }
}
