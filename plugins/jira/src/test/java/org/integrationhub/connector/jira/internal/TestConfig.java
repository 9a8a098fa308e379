package org.integrationhub.connector.jira.internal;

import java.lang.annotation.Annotation;

/** A {@link JiraConfiguration} literal for plain JUnit tests; fields are the values the test wants. */
final class TestConfig implements JiraConfiguration {

    String name = "jira-eng";
    String apiUrl;
    String email = "helpdesk-bot@example.com";
    String token = "ATATT3xFfGF0-test-token-0123456789";
    String project = "HELP";
    String issueType = "Task";
    String[] labels = {"helpdesk", "escalation,from-hub"};
    String secret = "whs-jira-0123456789abcdef";
    boolean internal;
    int searchWaitSeconds = 30;

    TestConfig(String apiUrl) {
        this.apiUrl = apiUrl;
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return JiraConfiguration.class;
    }

    @Override
    public String integration_name() {
        return name;
    }

    @Override
    public String[] integration_events() {
        return new String[] {"*"};
    }

    @Override
    public String integration_min_priority() {
        return "";
    }

    @Override
    public String api_url() {
        return apiUrl;
    }

    @Override
    public String email() {
        return email;
    }

    @Override
    public String _api_token() {
        return token;
    }

    @Override
    public String project_key() {
        return project;
    }

    @Override
    public String issue_type() {
        return issueType;
    }

    @Override
    public String[] labels() {
        return labels;
    }

    @Override
    public String _webhook_secret() {
        return secret;
    }

    @Override
    public boolean comments_internal() {
        return internal;
    }

    @Override
    public int rate_per_second() {
        return 10;
    }

    @Override
    public int timeout_millis() {
        return 2000;
    }

    @Override
    public int create_search_wait_seconds() {
        return searchWaitSeconds;
    }

    @Override
    public String webconsole_configurationFactory_nameHint() {
        return "";
    }
}
