package org.integrationhub.connector.datadog.internal;

import java.lang.annotation.Annotation;

/** A {@link DatadogConfiguration} literal for tests: the defaults, with what a test sets. */
final class TestConfig implements DatadogConfiguration {

    /** A key of Datadog's shape (32 hex digits); the contract test checks it never shows. */
    static final String API_KEY = "5f3c0b2a9e8d7c6b5a4f3e2d1c0b9a87";

    String name = "datadog-prod";
    String apiKey = API_KEY;
    String environment = "production";
    String tags = "";
    String apiUrl;
    int intervalSeconds = 60;
    int timeoutMillis = 3000;

    TestConfig(String apiUrl) {
        this.apiUrl = apiUrl;
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return DatadogConfiguration.class;
    }

    @Override
    public String integration_name() {
        return name;
    }

    @Override
    public String _api_key() {
        return apiKey;
    }

    @Override
    public String environment() {
        return environment;
    }

    @Override
    public String tags() {
        return tags;
    }

    @Override
    public int interval_seconds() {
        return intervalSeconds;
    }

    @Override
    public String api_url() {
        return apiUrl;
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
