package org.integrationhub.connector.slack.internal;

import java.lang.annotation.Annotation;

/** A {@link SlackConfiguration} literal for plain JUnit tests. */
final class TestConfig implements SlackConfiguration {

    String name = "slack-support";
    String token = "xoxb-test-token";
    String secret = "8f742231b10e8888abcd99yyyzzz85a5";
    String channel = "#support";
    String[] rules = {"*:urgent=#support-urgent", "ticket.closed=#support-done"};
    String apiUrl;
    int inlineMillis = 2000;

    TestConfig(String apiUrl) {
        this.apiUrl = apiUrl;
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return SlackConfiguration.class;
    }

    @Override
    public String integration_name() {
        return name;
    }

    @Override
    public String _bot_token() {
        return token;
    }

    @Override
    public String _signing_secret() {
        return secret;
    }

    @Override
    public String default_channel() {
        return channel;
    }

    @Override
    public String[] routing_rules() {
        return rules;
    }

    @Override
    public String[] integration_events() {
        return new String[] {"*"};
    }

    @Override
    public String api_url() {
        return apiUrl;
    }

    @Override
    public String slack_api_url() {
        return "";
    }

    @Override
    public int timeout_millis() {
        return 2000;
    }

    @Override
    public int inline_reply_millis() {
        return inlineMillis;
    }

    @Override
    public String webconsole_configurationFactory_nameHint() {
        return "";
    }
}
