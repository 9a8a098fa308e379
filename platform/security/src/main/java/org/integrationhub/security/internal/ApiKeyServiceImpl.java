package org.integrationhub.security.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.integrationhub.api.ValidationException;
import org.integrationhub.api.ValidationException.FieldError;
import org.integrationhub.persistence.Database;
import org.integrationhub.persistence.Jdbc;
import org.integrationhub.security.ApiKeyInfo;
import org.integrationhub.security.ApiKeyService;
import org.integrationhub.security.CreatedApiKey;
import org.integrationhub.security.HubPrincipal;
import org.integrationhub.security.Scopes;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.github.f4b6a3.ulid.UlidCreator;

/**
 * API keys in the {@code api_key} table, stored as the SHA-256 hex digest of the key plus a short display prefix.
 *
 * <p>A key is {@code hub_} followed by the unpadded base64url form of 32 bytes from {@link SecureRandom}: 256 bits
 * of entropy. A fast, unsalted hash is the right choice for such keys (unlike passwords): nobody can guess or
 * brute-force a 256-bit random value, so a slow KDF would only cost CPU on every request, and an unsalted digest
 * lets the key be found by the unique index on {@code key_hash}. Constant-time comparison is not needed either: the
 * lookup is by hash, and timing reveals nothing about the secret preimage.
 *
 * <p>Per request there is normally no database write: {@code last_used_at} is updated at most once per
 * {@link Config#lastUsedResolutionSeconds()} per key, and successful lookups are cached for
 * {@link Config#cacheSeconds()} (revocation drops the entry at once on this node).
 */
@Component(service = ApiKeyService.class, configurationPid = ApiKeyServiceImpl.PID)
@Designate(ocd = ApiKeyServiceImpl.Config.class)
public class ApiKeyServiceImpl implements ApiKeyService {

    static final String PID = "org.integrationhub.security.apikeys";
    static final String KEY_PREFIX = "hub_";
    static final int KEY_BYTES = 32;
    /** {@code hub_} + 43 characters of unpadded base64url. */
    static final int KEY_LENGTH = KEY_PREFIX.length() + 43;
    static final int DISPLAY_PREFIX_LENGTH = 12;
    static final int MAX_NAME_LENGTH = 100;

    @ObjectClassDefinition(name = "Integration Hub API keys",
            description = "How API keys are checked on each request.")
    public @interface Config {
        @AttributeDefinition(name = "Cache seconds",
                description = "How long a successful key lookup is reused without asking the database (0 = no cache, "
                        + "at most 5). A key revoked on another node may still work on this one for that long.",
                min = "0", max = "5")
        int cacheSeconds() default 5;

        @AttributeDefinition(name = "Last-used resolution seconds",
                description = "last_used_at is written at most once per this many seconds per key.", min = "1")
        int lastUsedResolutionSeconds() default 60;
    }

    private final Logger logger = LoggerFactory.getLogger(ApiKeyServiceImpl.class);
    private final Database database;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final AuthenticationCache cache;

    @Activate
    public ApiKeyServiceImpl(@Reference Database database, Config config) {
        this(database, config.cacheSeconds(), config.lastUsedResolutionSeconds(), Clock.systemUTC());
    }

    ApiKeyServiceImpl(Database database, int cacheSeconds, int lastUsedResolutionSeconds, Clock clock) {
        this.database = database;
        this.clock = clock;
        this.cache = new AuthenticationCache(clock, Math.max(0, Math.min(5, cacheSeconds)),
                Math.max(1, lastUsedResolutionSeconds));
    }

    @Override
    public CreatedApiKey create(String name, Set<String> scopes, Integer rateLimit) {
        List<FieldError> errors = new ArrayList<>();
        String trimmedName = name == null ? "" : name.strip();
        if (trimmedName.isEmpty()) {
            errors.add(new FieldError("name", "must not be blank"));
        } else if (trimmedName.length() > MAX_NAME_LENGTH) {
            errors.add(new FieldError("name", "must be at most " + MAX_NAME_LENGTH + " characters"));
        }
        Set<String> validScopes = Set.of();
        try {
            validScopes = Scopes.validate(scopes, "scopes");
            if (validScopes.isEmpty()) {
                errors.add(new FieldError("scopes", "at least one scope is required; allowed: "
                        + String.join(", ", Scopes.ALL)));
            }
        } catch (ValidationException e) {
            errors.addAll(e.errors());
        }
        if (rateLimit != null && rateLimit < 0) {
            errors.add(new FieldError("rate_limit", "must be 0 (unlimited) or a positive number of requests per minute"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        byte[] secret = new byte[KEY_BYTES];
        random.nextBytes(secret);
        String key = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ApiKeyInfo info = new ApiKeyInfo(UlidCreator.getMonotonicUlid().toString(), trimmedName,
                key.substring(0, DISPLAY_PREFIX_LENGTH), validScopes, rateLimit, now(), null, null);
        database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_key (id, name, key_prefix, key_hash, "
                    + "scopes, rate_limit, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, info.id());
                ps.setString(2, info.name());
                ps.setString(3, info.prefix());
                ps.setString(4, hash(key));
                ps.setString(5, Scopes.format(info.scopes()));
                Jdbc.setInteger(ps, 6, rateLimit);
                Jdbc.setInstant(ps, 7, info.createdAt());
                return ps.executeUpdate();
            }
        });
        logger.info("API key {} ({}) created with scopes {}", info.id(), info.prefix(), info.scopes());
        return new CreatedApiKey(key, info);
    }

    @Override
    public List<ApiKeyInfo> list() {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, key_prefix, scopes, rate_limit, created_at, "
                    + "last_used_at, revoked_at FROM api_key ORDER BY id");
                    ResultSet rs = ps.executeQuery()) {
                List<ApiKeyInfo> result = new ArrayList<>();
                while (rs.next()) {
                    result.add(readInfo(rs));
                }
                return result;
            }
        });
    }

    @Override
    public boolean revoke(String id) {
        if (id == null) {
            return false;
        }
        boolean revoked = database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE api_key SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
                Jdbc.setInstant(ps, 1, now());
                ps.setString(2, id);
                return ps.executeUpdate() == 1;
            }
        });
        cache.forgetClient(id);
        if (revoked) {
            logger.info("API key {} revoked", id);
        }
        return revoked;
    }

    @Override
    public Optional<HubPrincipal> authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.length() != KEY_LENGTH || !presentedKey.startsWith(KEY_PREFIX)) {
            return Optional.empty();
        }
        String hash = hash(presentedKey);
        HubPrincipal principal = cache.get(hash);
        if (principal == null) {
            long generation = cache.generation();
            principal = lookup(hash);
            if (principal == null) {
                return Optional.empty();
            }
            cache.put(hash, principal, generation);
        }
        if (cache.shouldRecordUse(principal.clientId())) {
            recordUse(principal.clientId());
        }
        return Optional.of(principal);
    }

    private HubPrincipal lookup(String hash) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, name, scopes, rate_limit FROM api_key WHERE key_hash = ? AND revoked_at IS NULL")) {
                ps.setString(1, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    Integer rateLimit = Jdbc.getInteger(rs, "rate_limit");
                    return new HubPrincipal(rs.getString("id"), rs.getString("name"), HubPrincipal.Kind.API_KEY,
                            Scopes.parse(rs.getString("scopes")), rateLimit);
                }
            }
        });
    }

    private void recordUse(String id) {
        try {
            database.inTransaction(c -> updateLastUsed(c, id));
        } catch (RuntimeException e) {
            // Bookkeeping only: a failed write must not fail the caller's request.
            logger.debug("Could not record use of API key {}", id, e);
        }
    }

    private int updateLastUsed(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE api_key SET last_used_at = ? WHERE id = ?")) {
            Jdbc.setInstant(ps, 1, now());
            ps.setString(2, id);
            return ps.executeUpdate();
        }
    }

    private static ApiKeyInfo readInfo(ResultSet rs) throws SQLException {
        Integer rateLimit = Jdbc.getInteger(rs, "rate_limit");
        return new ApiKeyInfo(rs.getString("id"), rs.getString("name"), rs.getString("key_prefix"),
                Scopes.parse(rs.getString("scopes")), rateLimit, Jdbc.getInstant(rs, "created_at"),
                Jdbc.getInstant(rs, "last_used_at"), Jdbc.getInstant(rs, "revoked_at"));
    }

    /** @return now, as stored: a value read back equals the one written */
    private Instant now() {
        return Jdbc.truncate(clock.instant());
    }

    /** @return the lower-case hex SHA-256 of the key's UTF-8 bytes */
    static String hash(String key) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
