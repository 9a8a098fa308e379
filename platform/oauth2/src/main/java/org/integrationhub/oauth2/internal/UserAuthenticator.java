package org.integrationhub.oauth2.internal;

import java.util.Optional;
import java.util.Set;

/** Checks a user's name and password (at the authorization endpoint's login page). */
@FunctionalInterface
public interface UserAuthenticator {

    /**
     * @param username what the user typed
     * @param password what the user typed; the implementation may clear it
     * @return the user and their roles if the credentials are valid; empty otherwise
     */
    Optional<User> authenticate(String username, char[] password);

    /** An authenticated user. */
    record User(String name, Set<String> roles) {
        public User {
            roles = Set.copyOf(roles);
        }
    }
}
