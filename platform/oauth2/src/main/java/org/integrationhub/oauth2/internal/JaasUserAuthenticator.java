package org.integrationhub.oauth2.internal;

import java.security.Principal;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

/**
 * Logs users in against a JAAS realm: in Karaf the realm {@code karaf} (etc/users.properties, or LDAP or whatever
 * the operator configured). Role principals are recognised by their class name ({@code RolePrincipal}, as in
 * Karaf's {@code org.apache.karaf.jaas.boot.principal}) so the bundle does not depend on Karaf's JAAS packages.
 */
public final class JaasUserAuthenticator implements UserAuthenticator {

    private final String realm;
    private final Configuration configuration;

    /**
     * @param realm the JAAS realm (login configuration entry) name
     * @param configuration the JAAS configuration; null for the JVM-wide one (which Karaf installs)
     */
    public JaasUserAuthenticator(String realm, Configuration configuration) {
        this.realm = realm;
        this.configuration = configuration;
    }

    @Override
    public Optional<User> authenticate(String username, char[] password) {
        if (username == null || username.isEmpty() || password == null || password.length == 0) {
            return Optional.empty();
        }
        Subject subject = new Subject();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Karaf's ProxyLoginModule lives in lib/boot, on the system class path: JAAS loads it through the TCCL
        thread.setContextClassLoader(ClassLoader.getSystemClassLoader());
        try {
            LoginContext context = new LoginContext(realm, subject, callbacks -> handle(callbacks, username, password),
                    configuration);
            context.login();
            Set<String> roles = new HashSet<>();
            for (Principal p : subject.getPrincipals()) {
                if (p.getClass().getSimpleName().equals("RolePrincipal")) {
                    roles.add(p.getName());
                }
            }
            context.logout();
            return Optional.of(new User(username, roles));
        } catch (LoginException | SecurityException e) {
            return Optional.empty();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static void handle(Callback[] callbacks, String username, char[] password)
            throws UnsupportedCallbackException {
        for (Callback cb : callbacks) {
            if (cb instanceof NameCallback) {
                ((NameCallback) cb).setName(username);
            } else if (cb instanceof PasswordCallback) {
                ((PasswordCallback) cb).setPassword(password);
            } else {
                throw new UnsupportedCallbackException(cb);
            }
        }
    }
}
