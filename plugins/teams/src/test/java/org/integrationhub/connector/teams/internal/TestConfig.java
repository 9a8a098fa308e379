package org.integrationhub.connector.teams.internal;

import java.lang.annotation.Annotation;

/** A {@link TeamsConfiguration} literal for plain JUnit tests; fields are the keys' values. */
final class TestConfig implements TeamsConfiguration {

    static final String WEBHOOK_SECRET_PART = "sig=SASsecret0123456789";
    static final String APP_SECRET = "app-secret~Kq8Q~teams.test";
    static final String APP_ID = "00000000-1111-2222-3333-444444444444";
    static final String CONVERSATION = "19:chan0001@thread.tacv2";

    String name = "teams-support";
    String mode = "workflow";
    String webhookUrl = "";
    String appId = APP_ID;
    String appSecret = APP_SECRET;
    String tenantId = "tenant-1";
    String conversationId = CONVERSATION;
    String serviceUrl = "";
    String loginUrl = "";
    String openIdUrl = "";
    int timeoutMillis = 2000;

    /** A workflow-mode configuration posting to the given URL. */
    static TestConfig workflow(String webhookUrl) {
        TestConfig c = new TestConfig();
        c.webhookUrl = webhookUrl;
        return c;
    }

    /** A bot-mode configuration whose Microsoft endpoints all live below the given base URL. */
    static TestConfig bot(String microsoftBase) {
        String base = microsoftBase.replaceAll("/+$", "");
        TestConfig c = new TestConfig();
        c.mode = "bot";
        c.serviceUrl = base + "/";
        c.loginUrl = base;
        c.openIdUrl = base + "/v1/.well-known/openidconfiguration";
        return c;
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return TeamsConfiguration.class;
    }

    @Override
    public String integration_name() {
        return name;
    }

    @Override
    public String mode() {
        return mode;
    }

    @Override
    public String _webhook_url() {
        return webhookUrl;
    }

    @Override
    public String app_id() {
        return appId;
    }

    @Override
    public String _app_secret() {
        return appSecret;
    }

    @Override
    public String tenant_id() {
        return tenantId;
    }

    @Override
    public String conversation_id() {
        return conversationId;
    }

    @Override
    public String service_url() {
        return serviceUrl;
    }

    @Override
    public String login_url() {
        return loginUrl;
    }

    @Override
    public String openid_metadata_url() {
        return openIdUrl;
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
    public int timeout_millis() {
        return timeoutMillis;
    }

    @Override
    public String webconsole_configurationFactory_nameHint() {
        return "";
    }
}
