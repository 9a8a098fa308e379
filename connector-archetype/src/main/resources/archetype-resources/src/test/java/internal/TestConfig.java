package ${package}.internal;

import java.lang.annotation.Annotation;

/**
 * A {@link ${connectorName}Config} for plain unit tests: the metatype defaults, with the values a test sets. The
 * component gets its configuration as an instance of the annotation, so a test builds one instead of starting OSGi.
 */
final class TestConfig implements ${connectorName}Config {

    /** The default token: a secret value the tests look for in places it must never appear. */
    static final String TOKEN = "test-token-123";

    String name = "demo";
    String apiUrl;
    String token = TOKEN;
    String webhookSecret = "";
    /** Long enough for a loopback call on a busy machine, short enough for the contract's 10 s time limit. */
    long timeoutMillis = 4000;

    TestConfig(String apiUrl) {
        this.apiUrl = apiUrl;
    }

    TestConfig token(String value) {
        this.token = value;
        return this;
    }

    TestConfig webhookSecret(String value) {
        this.webhookSecret = value;
        return this;
    }

    TestConfig apiUrl(String value) {
        this.apiUrl = value;
        return this;
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
    public String _token() {
        return token;
    }

    @Override
    public String _webhook_secret() {
        return webhookSecret;
    }

    @Override
    public long timeout_millis() {
        return timeoutMillis;
    }

    @Override
    public String webconsole_configurationFactory_nameHint() {
        return "";
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return ${connectorName}Config.class;
    }
}
