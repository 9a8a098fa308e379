package org.integrationhub.connector.jira.internal;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import org.integrationhub.connector.jira.internal.sync.IssueSync;

/**
 * A {@link JiraConfiguration} checked and with its secrets resolved; {@link #problem()} names the first setting
 * that makes the instance unusable (shown as UNCONFIGURED), never a secret value.
 */
record JiraSettings(String siteUrl, String email, String apiToken, String webhookSecret, IssueSync.Template template,
        String problem) {

    /** Jira project keys: an upper-case letter, then upper-case letters, digits or underscores. */
    static final Pattern PROJECT_KEY = Pattern.compile("[A-Z][A-Z0-9_]{0,254}");

    static JiraSettings of(JiraConfiguration config, UnaryOperator<String> secrets) {
        String site = Objects.toString(config.api_url(), "").strip();
        String email = Objects.toString(config.email(), "").strip();
        String token = secrets.apply(config._api_token()).strip();
        String secret = secrets.apply(config._webhook_secret()).strip();
        String project = Objects.toString(config.project_key(), "").strip();
        String type = Objects.toString(config.issue_type(), "").strip();
        // a .cfg file gives "a,b" as one value: labels are separated by commas or spaces (Jira labels hold neither)
        List<String> labels = config.labels() == null ? List.of() : Arrays.stream(config.labels())
                .filter(Objects::nonNull).flatMap(l -> Arrays.stream(l.split("[,\\s]+"))).filter(l -> !l.isEmpty())
                .distinct().toList();
        String problem = null;
        if (!isHttpUrl(site)) {
            problem = "api.url must be the http(s) URL of the Jira site, e.g. https://acme.atlassian.net";
        } else if (site.contains("your-site.atlassian.net")) {
            problem = "api.url is still the placeholder https://your-site.atlassian.net";
        } else if (email.isEmpty()) {
            problem = "email (the Atlassian account of the API token) is not set";
        } else if (token.isEmpty()) {
            problem = ".api.token is not set (or its env: variable is empty)";
        } else if (!PROJECT_KEY.matcher(project).matches()) {
            problem = "project.key must be a Jira project key such as HELP";
        } else if (type.isEmpty()) {
            problem = "issue.type is empty";
        }
        return new JiraSettings(site, email, token, secret, new IssueSync.Template(project, type, labels), problem);
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
        return "JiraSettings[site=" + siteUrl + ", email=" + email + ", project=" + template.projectKey() + "]";
    }
}
