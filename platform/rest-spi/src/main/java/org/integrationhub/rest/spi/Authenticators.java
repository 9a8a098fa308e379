package org.integrationhub.rest.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.integrationhub.security.HubPrincipal;

/**
 * The live, ordered list of credential checks an endpoint of the hub asks: one fixed check first (the API keys),
 * then every bound {@link TokenAuthenticator} service by service ranking, highest first, and for equal rankings by
 * service id, lowest (oldest) first. A component holding one forwards its dynamic, multiple
 * {@code TokenAuthenticator} reference here:
 *
 * <pre>{@code
 * private final Authenticators authenticators = new Authenticators(apiKeys::authenticate);
 *
 * @Reference(cardinality = MULTIPLE, policy = DYNAMIC)
 * void addAuthenticator(TokenAuthenticator a, Map<String, Object> props) { authenticators.bind(a, props); }
 * void removeAuthenticator(TokenAuthenticator a, Map<String, Object> props) { authenticators.unbind(a, props); }
 * }</pre>
 *
 * <p>Needs no OSGi framework: the service properties are a plain map carrying {@code service.id} (a {@code Long},
 * required) and {@code service.ranking} (an {@code Integer}; missing or of another type counts as 0, as in OSGi).
 *
 * <p>Thread-safe: {@link #bind} and {@link #unbind} may run at any time, also while requests are being
 * authenticated. {@link #list()} and {@link #authenticate} never lock and always see a whole list, the one before or
 * the one after a change, never an empty or half-built one.
 *
 * @since 0.2.0
 */
public final class Authenticators implements TokenAuthenticator {

    /** The service property naming a service (OSGi {@code Constants.SERVICE_ID}). */
    static final String SERVICE_ID = "service.id";
    /** The service property ordering services (OSGi {@code Constants.SERVICE_RANKING}). */
    static final String SERVICE_RANKING = "service.ranking";

    private static final Comparator<Bound> ORDER = Comparator.comparingInt((Bound b) -> b.ranking).reversed()
            .thenComparingLong(b -> b.id);

    private final TokenAuthenticator first;
    /** The bound services by service id; guarded by {@code this}. */
    private final Map<Long, Bound> bound = new HashMap<>();
    /** Immutable; replaced whole under {@code this}, read without a lock. */
    private volatile List<TokenAuthenticator> ordered;

    /**
     * @param first the check asked before every bound one (e.g. {@code apiKeys::authenticate}); null for none
     */
    public Authenticators(TokenAuthenticator first) {
        this.first = first;
        this.ordered = first == null ? List.of() : List.of(first);
    }

    /**
     * Adds a check at its place by ranking. Binding again with the same {@code service.id} replaces the earlier
     * entry, so this also serves as the reference's {@code updated} method when the ranking changes.
     *
     * @param authenticator the service; never null
     * @param properties its service properties: {@code service.id} (Long) and optionally {@code service.ranking}
     * @throws IllegalArgumentException if the properties carry no {@code service.id} of type Long
     */
    public synchronized void bind(TokenAuthenticator authenticator, Map<String, ?> properties) {
        Objects.requireNonNull(authenticator, "authenticator");
        long id = serviceId(properties);
        Object ranking = properties.get(SERVICE_RANKING);
        bound.put(id, new Bound(ranking instanceof Integer r ? r : 0, id, authenticator));
        refresh();
    }

    /**
     * Removes the check bound with the same {@code service.id}, whatever its ranking is now; unknown ids are ignored.
     *
     * @param authenticator the service, as the framework passes it; not used to match, may be null
     * @param properties its service properties, carrying {@code service.id} (Long)
     * @throws IllegalArgumentException if the properties carry no {@code service.id} of type Long
     */
    public synchronized void unbind(TokenAuthenticator authenticator, Map<String, ?> properties) {
        if (bound.remove(serviceId(properties)) != null) {
            refresh();
        }
    }

    /**
     * @return every check in the order they are asked: the first one, then the bound ones by ranking; an immutable
     *         snapshot that later binds and unbinds do not change
     */
    public List<TokenAuthenticator> list() {
        return ordered;
    }

    /**
     * Asks each check of {@link #list()} in order and answers with the first principal found.
     *
     * @param token the credential as presented; never null
     * @return the principal of the first check accepting the credential; empty if none does
     */
    @Override
    public Optional<HubPrincipal> authenticate(String token) {
        for (TokenAuthenticator authenticator : ordered) {
            Optional<HubPrincipal> principal = authenticator.authenticate(token);
            if (principal.isPresent()) {
                return principal;
            }
        }
        return Optional.empty();
    }

    private void refresh() {
        List<TokenAuthenticator> all = new ArrayList<>(bound.size() + 1);
        if (first != null) {
            all.add(first);
        }
        bound.values().stream().sorted(ORDER).forEach(b -> all.add(b.authenticator));
        ordered = List.copyOf(all);
    }

    private static long serviceId(Map<String, ?> properties) {
        if (properties.get(SERVICE_ID) instanceof Long id) {
            return id;
        }
        throw new IllegalArgumentException("the service properties carry no service.id (a Long)");
    }

    private record Bound(int ranking, long id, TokenAuthenticator authenticator) {
    }
}
