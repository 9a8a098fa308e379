package org.integrationhub.connector.slack.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.integrationhub.spi.InboundRequest;
import org.integrationhub.spi.InboundResponse;
import org.junit.jupiter.api.Test;

/** Every inbound request is verified with the signing secret before it is parsed. */
class SlackRequestVerificationTest extends SlackTestSupport {

    @Test
    void aRequestSignedWithTheSdkGeneratorIsAccepted() {
        InboundResponse r = send(signed("commands", command("/help", "")));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bodyAsString()).contains("/ticket <subject>");
    }

    @Test
    void aRequestSignedWithAnotherSecretIs401AndNothingHappens() {
        InboundResponse r = send(signed("commands", command("/ticket", "Printer on fire"), "other-secret",
                Instant.now().getEpochSecond()));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.contentType()).isEqualTo("application/problem+json");
        assertThat(r.bodyAsString()).contains("signature mismatch");
        assertThat(tickets.recordedEvents()).isEmpty();
        assertThat(slackApi.calls()).isEmpty();
    }

    @Test
    void aStaleOrFutureTimestampIs401() {
        long now = Instant.now().getEpochSecond();
        assertThat(send(signed("commands", command("/status", "X"), config.secret, now - 301)).status())
                .isEqualTo(401);
        assertThat(send(signed("commands", command("/status", "X"), config.secret, now + 301)).status())
                .isEqualTo(401);
        assertThat(send(signed("commands", command("/help", ""), config.secret, now - 290)).status())
                .isEqualTo(200);
    }

    @Test
    void aTamperedBodyIs401() {
        InboundRequest good = signed("commands", command("/close", "A"));
        InboundRequest tampered = new InboundRequest("POST", "commands", good.headers(),
                command("/close", "B").getBytes(StandardCharsets.UTF_8), "");
        assertThat(send(tampered).status()).isEqualTo(401);
    }

    @Test
    void missingOrMalformedHeadersAre401() {
        byte[] body = command("/help", "").getBytes(StandardCharsets.UTF_8);
        assertThat(send(new InboundRequest("POST", "commands", Map.of(), body, "")).status()).isEqualTo(401);
        assertThat(send(new InboundRequest("POST", "commands", Map.of("X-Slack-Request-Timestamp",
                List.of("yesterday"), "X-Slack-Signature", List.of("v0=00")), body, "")).status()).isEqualTo(401);
        assertThat(send(new InboundRequest("POST", "commands", Map.of("X-Slack-Request-Timestamp",
                List.of(Long.toString(Instant.now().getEpochSecond())), "X-Slack-Signature", List.of("v0=00")),
                body, "")).status()).isEqualTo(401);
    }

    @Test
    void headersAreMatchedCaseInsensitively() {
        InboundRequest good = signed("commands", command("/help", ""));
        InboundRequest lower = new InboundRequest("POST", "commands", Map.of(
                "x-slack-request-timestamp", List.of(good.header("X-Slack-Request-Timestamp")),
                "x-slack-signature", List.of(good.header("X-SLACK-SIGNATURE"))), good.body(), "");
        assertThat(send(lower).status()).isEqualTo(200);
    }

    @Test
    void withoutASigningSecretEveryRequestIs401() {
        config.secret = "";
        restart();
        assertThat(send(signed("commands", command("/help", ""), "8f742231b10e8888abcd99yyyzzz85a5", Instant.now().getEpochSecond())).status())
                .isEqualTo(401);
    }

    @Test
    void theTwoPathsAreServed() {
        assertThat(slack.inboundPaths()).containsExactlyInAnyOrder("commands", "interactivity");
        assertThat(send(signed("events", "x=1")).status()).isEqualTo(404);
    }
}
