package org.integrationhub.connector.hubspot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.integrationhub.connector.hubspot.internal.inbound.HubSpotSignatures;
import org.junit.jupiter.api.Test;

/**
 * HubSpot's signature plumbing. HubSpot publishes known answers for v1 and v2 (same secret, SHA-256, UTF-8 source
 * strings, hex); none for v3, which is checked against an HMAC computed here from a hand-built source string.
 */
class HubSpotSignaturesTest {

    /** The client secret of HubSpot's documented examples. */
    private static final String DOC_SECRET = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";

    @Test
    void v2KnownAnswerFromHubSpotsDocumentation() {
        assertThat(new HubSpotSignatures(DOC_SECRET).v2("GET", "https://www.example.com/webhook_uri", new byte[0]))
                .isEqualTo("eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e");
    }

    @Test
    void v1KnownAnswerFromHubSpotsDocumentation() {
        String body = "[{\"eventId\":1,\"subscriptionId\":12345,\"portalId\":62515,\"occurredAt\":1564113600000,"
                + "\"subscriptionType\":\"contact.creation\",\"attemptNumber\":0,\"objectId\":123,\"changeSource\":"
                + "\"CRM\",\"changeFlag\":\"NEW\",\"appId\":54321}]";
        assertThat(new HubSpotSignatures(DOC_SECRET).v1(body.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de");
    }

    /**
     * The v3 known answers of HubSpot's own client libraries' test suites (hubspot-api-python
     * {@code tests/spec/utils/test_signature.py}, hubspot-api-ruby {@code spec/helpers/signature_spec.rb}): secret as
     * above, {@code POST https://www.example.com/webhook_uri}, body {@code {'example_field':'example_value'}}.
     */
    @Test
    void v3KnownAnswersFromHubSpotsClientLibraries() {
        HubSpotSignatures signatures = new HubSpotSignatures(DOC_SECRET);
        byte[] body = "{'example_field':'example_value'}".getBytes(StandardCharsets.UTF_8);
        assertThat(signatures.v3("POST", "https://www.example.com/webhook_uri", body, "15000000"))
                .isEqualTo("HPW73RUtKmcYoEDADG0s6MmGFWUzWJKAW07r8RDgcQw=");
        assertThat(signatures.v3("POST", "https://www.example.com/webhook_uri", body, "1700000300000"))
                .isEqualTo("RnbPH7+UMKVkbV32P8bz450N4M56aPmcru1+D3kSDtw=");
        assertThat(signatures.v1(body)).isEqualTo("69fc6631a867edd4f9e9e627fc5c1148e3fbdd8b21837b6d2b8901c1fa57f750");
    }

    @Test
    void v3IsTheBase64HmacOfMethodDecodedUriBodyAndTimestamp() throws Exception {
        String body = "[{\"eventId\":4242,\"subscriptionType\":\"contact.propertyChange\",\"objectId\":5101,"
                + "\"propertyName\":\"lifecyclestage\",\"propertyValue\":\"customer\"}]";
        String called = "https://hub.example.com/integrations/hubspot/webhook?account=eu%3A1&to=a%2Cb%20c";
        String signed = "POST" + "https://hub.example.com/integrations/hubspot/webhook?account=eu:1&to=a,b%20c" + body
                + "1764950400000";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(DOC_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));

        assertThat(new HubSpotSignatures(DOC_SECRET).v3("POST", called, body.getBytes(StandardCharsets.UTF_8),
                "1764950400000")).isEqualTo(expected);
        assertThat(new HubSpotSignatures("another-secret").v3("POST", called, body.getBytes(StandardCharsets.UTF_8),
                "1764950400000")).isNotEqualTo(expected);
    }

    @Test
    void v3DecodesExactlyTheEscapesHubSpotLists() {
        assertThat(HubSpotSignatures.decodeUri("%3A%2F%3F%40%21%24%27%28%29%2A%2C%3B")).isEqualTo(":/?@!$'()*,;");
        assertThat(HubSpotSignatures.decodeUri("%3a%2f%2c")).as("either case").isEqualTo(":/,");
        assertThat(HubSpotSignatures.decodeUri("a%20b%25c%26d%3")).as("others stay").isEqualTo("a%20b%25c%26d%3");
    }

    @Test
    void comparisonIsExactAndNullSafe() {
        assertThat(HubSpotSignatures.matches("abc=", "abc=")).isTrue();
        assertThat(HubSpotSignatures.matches("abc=", " abc= ")).isTrue();
        assertThat(HubSpotSignatures.matches("abc=", "abd=")).isFalse();
        assertThat(HubSpotSignatures.matches("abc=", null)).isFalse();
        assertThat(new HubSpotSignatures("").configured()).isFalse();
    }
}
