package org.integrationhub.connector.salesforce.internal;

import java.lang.annotation.Annotation;

/** A {@link SalesforceConfiguration} literal for plain JUnit tests; fields are the values the test wants. */
final class TestConfig implements SalesforceConfiguration {

    String name = "salesforce-crm";
    String loginUrl;
    String clientId = "3MVG9A2kN3Bn17hvR.test.consumer.key";
    String username = "helpdesk-bot@acme.example";
    String privateKey;
    String audience = "";
    String apiVersion = "v62.0";
    boolean createCase = true;
    String origin = "Helpdesk";
    String priorities = "urgent=High,high=High,normal=Medium,low=Low";
    String resolved = "Closed";
    String closed = "Closed";
    String reopened = "Working";
    int timeoutMillis = 2000;
    int settleSeconds = 30;

    TestConfig(String loginUrl, String privateKey) {
        this.loginUrl = loginUrl;
        this.privateKey = privateKey;
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return SalesforceConfiguration.class;
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
    public String login_url() {
        return loginUrl;
    }

    @Override
    public String client_id() {
        return clientId;
    }

    @Override
    public String username() {
        return username;
    }

    @Override
    public String _private_key() {
        return privateKey;
    }

    @Override
    public String audience() {
        return audience;
    }

    @Override
    public String api_version() {
        return apiVersion;
    }

    @Override
    public boolean create_case() {
        return createCase;
    }

    @Override
    public String case_origin() {
        return origin;
    }

    @Override
    public String case_priorities() {
        return priorities;
    }

    @Override
    public String case_status_resolved() {
        return resolved;
    }

    @Override
    public String case_status_closed() {
        return closed;
    }

    @Override
    public String case_status_reopened() {
        return reopened;
    }

    @Override
    public int rate_per_second() {
        return 10;
    }

    @Override
    public int limit_wait_seconds() {
        return 1800;
    }

    @Override
    public int timeout_millis() {
        return timeoutMillis;
    }

    @Override
    public int create_settle_seconds() {
        return settleSeconds;
    }

    @Override
    public String webconsole_configurationFactory_nameHint() {
        return "";
    }
}
