package org.integrationhub.connector.hubspot.internal;

import java.lang.annotation.Annotation;

/** A {@link HubSpotConfiguration} literal for plain JUnit tests, aimed at a loopback HubSpot. */
final class TestConfig implements HubSpotConfiguration {

    static final String TOKEN = "pat-eu1-0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    static final String SECRET = "yyyyyyyy-test-client-secret-0123456789";

    String name = "hubspot-crm";
    String apiUrl;
    String token = TOKEN;
    String secret = SECRET;
    int perTenSeconds = 100;
    int timeoutMillis = 2000;

    TestConfig(String apiUrl) {
        this.apiUrl = apiUrl;
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return HubSpotConfiguration.class;
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
    public String _access_token() {
        return token;
    }

    @Override
    public String _client_secret() {
        return secret;
    }

    @Override
    public int requests_per_10_seconds() {
        return perTenSeconds;
    }

    @Override
    public int timeout_millis() {
        return timeoutMillis;
    }

    @Override
    public String webconsole_configurationFactory_nameHint() {
        return "";
    }
}
