package org.integrationhub.connector.salesforce.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.regex.Matcher;

import org.integrationhub.connector.salesforce.internal.client.Soql;
import org.integrationhub.connector.salesforce.internal.sync.CustomerSync;
import org.integrationhub.spi.ActionRequest;
import org.integrationhub.spi.ActionResult;
import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SOQL values: escaped per Salesforce's literal rules (backslash before quote), checked as e-mail addresses, never able
 * to change the query — both as text and against the fake, which parses literals the way Salesforce does.
 */
class SoqlTest extends SalesforceTestSupport {

    @Test
    void literalsEscapeBackslashFirstThenQuotes() {
        assertThat(Soql.literal("o'neil@example.com")).isEqualTo("'o\\'neil@example.com'");
        assertThat(Soql.literal("a\\b")).isEqualTo("'a\\\\b'");
        assertThat(Soql.literal("\\'")).as("an escaped-looking quote stays a quote").isEqualTo("'\\\\\\''");
        assertThat(Soql.literal("say \"hi\"")).isEqualTo("'say \\\"hi\\\"'");
        assertThat(Soql.literal("Grüße")).isEqualTo("'Grüße'");
        assertThatThrownBy(() -> Soql.literal("a\nb")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+000A");
    }

    @ParameterizedTest
    @ValueSource(strings = {"o'neil@example.com", "back\\slash@example.com", "x'OR(Email!='')OR''='@example.com",
        "\\'@example.com", "quote\"d@example.com", "x\\' OR Email != \\'@example.com"})
    void noValueChangesTheQuery(String value) throws Exception {
        if (value.contains(" ")) {
            assertThatThrownBy(() -> CustomerSync.contactQuery(value)).isInstanceOfSatisfying(
                    IntegrationException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.CONFIGURATION));
            return;
        }
        String soql = CustomerSync.contactQuery(value);
        Matcher m = FakeSalesforce.CONTACT_QUERY.matcher(soql);
        assertThat(m.matches()).as("one Email = literal condition: %s", soql).isTrue();
        assertThat(FakeSalesforce.unescape(m.group(1))).isEqualTo(value.toLowerCase());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "no-at-sign", "@example.com", "ann@", "ann@exa mple.com", "ann\n@example.com",
        "ann@example.com\u0000", "ann@-example.com", "ann@example..com", "tab\t@example.com"})
    void addressesThatAreNotOneAreRefusedBeforeAnyCall(String value) {
        assertThatThrownBy(() -> connector.execute(new ActionRequest("sync_customer", Map.of("email", value), "k")))
                .isInstanceOfSatisfying(IntegrationException.class,
                        e -> assertThat(e.category()).isEqualTo(ErrorCategory.CONFIGURATION));
        assertThat(salesforce.server.requests("GET", FakeSalesforce.VERSION + "/query")).isEmpty();
    }

    @Test
    void anApostropheInAnAddressFindsItsContact() throws Exception {
        String account = salesforce.account("O'Neil & Sons");
        String contact = salesforce.contact("o'neil@example.com", "Pat O'Neil", account).path("Id").asText();
        ActionResult result = connector.execute(new ActionRequest("sync_customer", Map.of("email",
                "O'Neil@Example.com"), "k"));
        assertThat(result.data()).containsEntry("found", true).containsEntry("contact_id", contact)
                .containsEntry("company", "O'Neil & Sons");
        assertThat(salesforce.queriedEmails).containsExactly("o'neil@example.com");
        assertThat(tickets.customers().findByEmail("o'neil@example.com").orElseThrow().externalIds())
                .containsEntry("salesforce", contact);
    }

    @Test
    void aBackslashInAnAddressIsSentEscaped() throws Exception {
        String contact = salesforce.contact("back\\slash@example.com", "B. Slash", null).path("Id").asText();
        ActionResult result = connector.execute(new ActionRequest("sync_customer", Map.of("email",
                "back\\slash@example.com"), "k"));
        assertThat(result.data()).containsEntry("found", true).containsEntry("contact_id", contact);
        assertThat(salesforce.server.requests("GET", FakeSalesforce.VERSION + "/query").get(0)
                .queryParameter("q")).contains("'back\\\\slash@example.com'");
    }

    @Test
    void aCraftedAddressMatchesOnlyItselfNotEveryContact() throws Exception {
        salesforce.contact("ann@example.com", "Ann Smith", null);
        String crafted = "x'OR(Email!='')OR''='@example.com";
        ActionResult result = connector.execute(new ActionRequest("sync_customer", Map.of("email", crafted), "k"));
        assertThat(result.data()).containsEntry("found", false);
        assertThat(salesforce.queriedEmails).containsExactly(crafted.toLowerCase());
        assertThat(tickets.customers().findByEmail("ann@example.com")).isEmpty();
    }
}
