package org.integrationhub.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import org.integrationhub.api.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SsrfGuardTest {

    private final WebhookValidator strict = new WebhookValidator(new SsrfGuard(List.of()));

    private static WebhookInput url(String url) {
        return new WebhookInput(url, List.of("*"), null, null, null, null, null, null, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/x", "http://localhost:8080/x", "http://10.1.2.3/", "http://172.16.0.1/",
        "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data", "http://100.64.0.1/", "http://0.0.0.0/",
        "http://[::1]/", "http://[fd00::1]/", "http://[fe80::1]/", "http://224.0.0.1/", "http://[::ffff:10.0.0.1]/",
        "http://198.18.0.1/", "http://240.0.0.1/", "http://[::127.0.0.1]/", "http://[::ffff:0:a00:1]/",
        "http://[2001:2::1]/", "http://[2001:10::1]/", "http://[2001:20::1]/", "http://[2001:0:4136:e378::1]/",
        "http://[3fff::1]/", "http://[5f00::1]/"})
    void nonPublicTargetsAreRefusedWith422(String target) {
        assertThatThrownBy(() -> strict.validate(url(target), true)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors()).singleElement().satisfies(f -> {
                    assertThat(f.field()).isEqualTo("url");
                    assertThat(f.message()).contains("non-public address");
                }));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/", "file:///etc/passwd", "http:///nohost", "https://user:pw@example.com/",
        "not a url", "gopher://127.0.0.1/"})
    void otherSchemesCredentialsAndGarbageAreRefused(String target) {
        assertThatThrownBy(() -> strict.validate(url(target), true)).isInstanceOf(ValidationException.class);
    }

    @Test
    void publicAddressesPassAndAllowedNetworksOpenPrivateOnes() throws Exception {
        assertThat(SsrfGuard.isPublic(InetAddress.getByName("93.184.216.34"))).isTrue();
        assertThat(SsrfGuard.isPublic(InetAddress.getByName("2606:4700::1111"))).isTrue();
        strict.validate(url("https://93.184.216.34/hook"), true);
        WebhookValidator lenient = new WebhookValidator(new SsrfGuard(List.of("127.0.0.0/8", "10.0.0.0/8")));
        lenient.validate(url("http://localhost:9/hook"), true);
        lenient.validate(url("http://10.20.30.40/hook"), true);
        assertThatThrownBy(() -> lenient.validate(url("http://192.168.0.1/"), true))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void reservedHeadersUnknownEventsAndBadSecretsAreRefused() {
        WebhookValidator v = new WebhookValidator(new SsrfGuard(List.of("127.0.0.0/8")));
        for (String h : List.of("webhook-id", "Webhook-Signature", "Content-Type", "Host", "X-Webhook-Signature")) {
            assertThatThrownBy(() -> v.validate(new WebhookInput("http://127.0.0.1/", List.of("*"), null, null,
                    Map.of(h, "x"), null, null, null, null), true)).hasMessageContaining("reserved header");
        }
        assertThatThrownBy(() -> v.validate(new WebhookInput("http://127.0.0.1/", List.of("ticket.exploded"), null,
                null, null, null, null, null, null), true)).hasMessageContaining("unknown event type");
        assertThatThrownBy(() -> v.validate(new WebhookInput("http://127.0.0.1/", List.of("*"), null, "whsec_c2hvcnQ=",
                null, null, null, null, null), true)).hasMessageContaining("24 to 64 bytes");
    }

    @Test
    void cidrParsingRejectsNonsense() {
        assertThatThrownBy(() -> new SsrfGuard(List.of("10.0.0.0/33"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(SsrfGuard.Cidr.parse("10.0.0.0/8").contains(InetAddress.getLoopbackAddress())).isFalse();
    }
}
