package org.integrationhub.connector.salesforce.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.TreeMap;

import org.integrationhub.testkit.FakeIntegrationContext;
import org.junit.jupiter.api.Test;

/** The configuration keys and defaults are part of the contract (CONTRACT "Connector instances"): pinned here. */
class ConfigurationTest {

    @Test
    void keysAndDefaults() throws Exception {
        Map<String, Object> defaults = new TreeMap<>();
        for (Method m : SalesforceConfiguration.class.getDeclaredMethods()) {
            Object value = m.getDefaultValue();
            defaults.put(m.getName(), value instanceof String[] a ? String.join(",", a) : value);
        }
        assertThat(defaults).containsEntry("login_url", "https://login.salesforce.com")
                .containsEntry("client_id", "").containsEntry("username", "").containsEntry("_private_key", "")
                .containsEntry("api_version", "v62.0").containsEntry("create_case", true)
                .containsEntry("integration_name", "salesforce").containsEntry("integration_events", "*")
                .containsEntry("integration_min_priority", "").containsEntry("case_origin", "Helpdesk")
                .containsEntry("case_priorities", "urgent=High,high=High,normal=Medium,low=Low")
                .containsEntry("case_status_resolved", "Closed").containsEntry("case_status_closed", "Closed")
                .containsEntry("case_status_reopened", "Working").containsEntry("rate_per_second", 10)
                .containsEntry("limit_wait_seconds", 1800).containsEntry("timeout_millis", 8000)
                .containsEntry("create_settle_seconds", 30).containsEntry("audience", "");
    }

    @Test
    void theAudienceFollowsTheLoginUrl() {
        assertThat(SalesforceSettings.audienceFor("https://login.salesforce.com")).isEqualTo(
                "https://login.salesforce.com");
        assertThat(SalesforceSettings.audienceFor("https://acme.my.salesforce.com")).isEqualTo(
                "https://login.salesforce.com");
        assertThat(SalesforceSettings.audienceFor("https://test.salesforce.com")).isEqualTo(
                "https://test.salesforce.com");
        assertThat(SalesforceSettings.audienceFor("https://acme--uat.sandbox.my.salesforce.com")).isEqualTo(
                "https://test.salesforce.com");
        assertThat(SalesforceSettings.audienceFor("https://speed-fun-1234.scratch.my.salesforce.com")).isEqualTo(
                "https://test.salesforce.com");
        assertThat(SalesforceSettings.audienceFor("https://acme.my.site.com/customers")).as("an Experience Cloud site")
                .isEqualTo("https://acme.my.site.com/customers");
        assertThat(SalesforceSettings.audienceFor("http://127.0.0.1:4711")).isEqualTo("http://127.0.0.1:4711");
    }

    @Test
    void badSettingsNameTheKeyNeverTheKeyMaterial() {
        try (FakeIntegrationContext context = new FakeIntegrationContext()) {
            TestConfig config = new TestConfig("https://login.salesforce.com", TestKeys.pkcs8Pem());
            assertThat(SalesforceSettings.of(config, context::resolveSecret).problem()).isNull();
            config.priorities = "urgent=High,high=High,normal=Medium";
            assertThat(SalesforceSettings.of(config, context::resolveSecret).problem()).contains("case.priorities");
            config.priorities = "urgent=High,high=High,normal=Medium,lowish=Low";
            assertThat(SalesforceSettings.of(config, context::resolveSecret).problem()).contains("case.priorities");
            config.priorities = "urgent=High,high=High,normal=Medium,low=Low";
            config.apiVersion = "62";
            assertThat(SalesforceSettings.of(config, context::resolveSecret).problem()).contains("api.version");
            config.apiVersion = "v62.0";
            config.loginUrl = "login.salesforce.com";
            assertThat(SalesforceSettings.of(config, context::resolveSecret).problem()).contains("login.url");
            config.loginUrl = "https://login.salesforce.com";
            config.privateKey = TestKeys.pkcs8Pem().replace("MII", "M!I");
            SalesforceSettings broken = SalesforceSettings.of(config, context::resolveSecret);
            assertThat(broken.problem()).startsWith(".private.key: ").doesNotContain("MII");
            assertThat(broken.toString()).doesNotContain("MII");
        }
    }
}
