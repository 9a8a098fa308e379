package org.integrationhub.oauth2.internal;

import java.security.Principal;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

/** A real JAAS login module with two users: alice/wonderland (viewer) and root/secret (admin). */
public class TestLoginModule implements LoginModule {

    static final String REALM = "hub-test";
    private static final Map<String, String> PASSWORDS = Map.of("alice", "wonderland", "root", "secret");
    private static final Map<String, Set<String>> ROLES = Map.of("alice", Set.of("viewer"), "root", Set.of("admin"));

    private Subject subject;
    private CallbackHandler handler;
    private String user;

    static Configuration configuration() {
        return new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return REALM.equals(name) ? new AppConfigurationEntry[] {new AppConfigurationEntry(
                        TestLoginModule.class.getName(), AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                        new HashMap<>())} : null;
            }
        };
    }

    @Override
    public void initialize(Subject subject, CallbackHandler handler, Map<String, ?> sharedState, Map<String, ?> options) {
        this.subject = subject;
        this.handler = handler;
    }

    @Override
    public boolean login() throws LoginException {
        NameCallback name = new NameCallback("user");
        PasswordCallback password = new PasswordCallback("password", false);
        try {
            handler.handle(new Callback[] {name, password});
        } catch (Exception e) {
            throw new LoginException(e.toString());
        }
        String expected = PASSWORDS.get(name.getName());
        if (expected == null || !expected.equals(new String(password.getPassword()))) {
            throw new FailedLoginException("wrong credentials");
        }
        user = name.getName();
        return true;
    }

    @Override
    public boolean commit() {
        subject.getPrincipals().add(new UserPrincipal(user));
        for (String role : ROLES.get(user)) {
            subject.getPrincipals().add(new RolePrincipal(role));
        }
        return true;
    }

    @Override
    public boolean abort() {
        return true;
    }

    @Override
    public boolean logout() {
        subject.getPrincipals().clear();
        return true;
    }

    record UserPrincipal(String getName) implements Principal {
    }

    /** Named like Karaf's, which is how the hub recognises roles. */
    record RolePrincipal(String getName) implements Principal {
    }
}
