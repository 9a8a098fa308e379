package org.integrationhub.connector.trello.internal;

import java.lang.annotation.Annotation;

/** A {@link TrelloConfiguration} literal for plain JUnit tests, aimed at a loopback Trello. */
final class TestConfig implements TrelloConfiguration {

    static final String KEY = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    static final String TOKEN = "ATTAa1b2c3d4e5f60718293a4b5c6d7e8f9test-token-0123456789";
    static final String SECRET = "5ec7e75ec7e75ec7e75ec7e75ec7e75ec7e7test-secret";

    String name = "trello-support";
    String apiUrl;
    String key = KEY;
    String token = TOKEN;
    String secret = SECRET;
    String board = FakeTrello.BOARD;
    String listNew = FakeTrello.LIST_NEW;
    String listDone = FakeTrello.LIST_DONE;
    int timeoutMillis = 2000;

    TestConfig(String apiUrl) {
        this.apiUrl = apiUrl;
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return TrelloConfiguration.class;
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
    public String api_key() {
        return key;
    }

    @Override
    public String _api_token() {
        return token;
    }

    @Override
    public String _api_secret() {
        return secret;
    }

    @Override
    public String board() {
        return board;
    }

    @Override
    public String list_new() {
        return listNew;
    }

    @Override
    public String list_done() {
        return listDone;
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
