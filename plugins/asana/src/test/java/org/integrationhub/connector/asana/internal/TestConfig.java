package org.integrationhub.connector.asana.internal;

import java.lang.annotation.Annotation;

/** An {@link AsanaConfiguration} literal for tests: the defaults, with what a test sets. */
final class TestConfig implements AsanaConfiguration {

    String name = "asana-support";
    String token = "2/1200000000000001/1208000000000001:0f7c4d1b2e9a4c3d8b7e6f5a4c3b2a19";
    String project = FakeAsana.PROJECT;
    String workspace = FakeAsana.WORKSPACE;
    String apiUrl = "https://app.asana.com/api/1.0";
    int timeoutMillis = 2000;

    TestConfig(String apiUrl) {
        this.apiUrl = apiUrl;
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return AsanaConfiguration.class;
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
    public String _access_token() {
        return token;
    }

    @Override
    public String workspace() {
        return workspace;
    }

    @Override
    public String project() {
        return project;
    }

    @Override
    public String api_url() {
        return apiUrl;
    }

    @Override
    public int requests_per_minute() {
        return 150;
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
