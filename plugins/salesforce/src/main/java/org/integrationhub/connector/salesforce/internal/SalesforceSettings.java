package org.integrationhub.connector.salesforce.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

import org.integrationhub.api.Priority;
import org.integrationhub.connector.salesforce.internal.client.PrivateKeys;
import org.integrationhub.connector.salesforce.internal.sync.CaseSync;

/**
 * A {@link SalesforceConfiguration} checked, with its private key read and parsed; {@link #problem()} names the first
 * setting that makes the instance unusable (shown as UNCONFIGURED), never a secret value.
 */
record SalesforceSettings(String loginUrl, String clientId, String username, String audience, String apiVersion,
        RSAPrivateKey key, CaseSync.Template template, String problem) {

    static SalesforceSettings of(SalesforceConfiguration config, UnaryOperator<String> secrets) {
        String login = Objects.toString(config.login_url(), "").strip().replaceAll("/+$", "");
        String clientId = Objects.toString(config.client_id(), "").strip();
        String username = Objects.toString(config.username(), "").strip();
        String version = Objects.toString(config.api_version(), "").strip();
        String audience = Objects.toString(config.audience(), "").strip();
        String origin = Objects.toString(config.case_origin(), "").strip();
        Map<Priority, String> priorities = new EnumMap<>(Priority.class);
        String problem = priorities(config.case_priorities(), priorities);
        RSAPrivateKey key = null;
        if (problem == null && !isHttpUrl(login)) {
            problem = "login.url must be an http(s) URL such as https://login.salesforce.com";
        } else if (problem == null && clientId.isEmpty()) {
            problem = "client.id (the External Client App's consumer key) is not set";
        } else if (problem == null && username.isEmpty()) {
            problem = "username (the Salesforce user the hub acts as) is not set";
        } else if (problem == null && !version.matches("v[0-9]{2,3}\\.0")) {
            problem = "api.version must look like v62.0";
        } else if (problem == null && origin.isEmpty()) {
            problem = "case.origin is empty";
        } else if (problem == null && !audience.isEmpty() && !isHttpUrl(audience)) {
            problem = "audience must be an http(s) URL such as https://login.salesforce.com";
        }
        if (problem == null) {
            try {
                key = PrivateKeys.parse(pem(secrets.apply(config._private_key())));
            } catch (IllegalArgumentException e) {
                problem = ".private.key: " + e.getMessage();
            }
        }
        CaseSync.Template template = new CaseSync.Template(origin, priorities,
                strip(config.case_status_resolved()), strip(config.case_status_closed()),
                strip(config.case_status_reopened()));
        return new SalesforceSettings(login, clientId, username, audience.isEmpty() ? audienceFor(login) : audience,
                version, key, template, problem);
    }

    /**
     * @param loginUrl the login URL
     * @return Salesforce's documented audiences: test.salesforce.com for sandboxes (and scratch orgs),
     *         login.salesforce.com for every other salesforce.com host (My Domain included); the login URL itself
     *         elsewhere (an Experience Cloud site, a test)
     */
    static String audienceFor(String loginUrl) {
        String host = isHttpUrl(loginUrl) ? URI.create(loginUrl).getHost().toLowerCase(Locale.ROOT) : "";
        if (host.equals("test.salesforce.com") || host.endsWith(".sandbox.my.salesforce.com")
                || host.endsWith(".scratch.my.salesforce.com")) {
            return "https://test.salesforce.com";
        }
        if (host.equals("salesforce.com") || host.endsWith(".salesforce.com")) {
            return "https://login.salesforce.com";
        }
        return loginUrl;
    }

    private static String pem(String value) {
        String v = value.strip();
        if (!v.startsWith("file:")) {
            return v.replace("\\n", "\n"); // a .cfg value written on one line with \n escapes
        }
        Path path = Path.of(v.substring("file:".length()).replaceFirst("^//", ""));
        try {
            return Files.readString(path);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read " + path + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Fills {@code into} from "urgent=High,high=High,…"; @return a problem, or null when all four are mapped */
    private static String priorities(String text, Map<Priority, String> into) {
        for (String pair : Objects.toString(text, "").split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            Priority p;
            try {
                p = eq < 0 ? null : Priority.fromWireName(pair.substring(0, eq).strip());
            } catch (IllegalArgumentException e) {
                p = null;
            }
            if (p == null || pair.substring(eq + 1).isBlank()) {
                return "case.priorities must be priority=value pairs such as urgent=High,high=High,normal=Medium,"
                        + "low=Low";
            }
            into.put(p, pair.substring(eq + 1).strip());
        }
        return into.size() == Priority.values().length ? null
                : "case.priorities must map each of urgent, high, normal and low";
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = URI.create(value);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "SalesforceSettings[login=" + loginUrl + ", client=" + clientId + ", user=" + username + "]";
    }
}
