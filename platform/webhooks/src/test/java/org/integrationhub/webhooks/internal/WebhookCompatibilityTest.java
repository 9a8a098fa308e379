package org.integrationhub.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.integrationhub.webhooks.internal.WebhookFixture.await;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.integrationhub.api.EventType;
import org.integrationhub.api.ValidationException;
import org.integrationhub.delivery.DeliveryOutcome;
import org.integrationhub.persistence.testing.TestDatabases.Kind;
import org.integrationhub.webhook.verifier.WebhookVerifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.standardwebhooks.Webhook;

/**
 * Compatibility with the original design's webhook API: raw (non-{@code whsec_}) secrets of 24 characters or more,
 * the hub-wide {@code enabled} switch, and the default {@code verifySsl} with its per-endpoint override.
 */
class WebhookCompatibilityTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** As the original design generated them: 32 random characters. */
    private static final String RAW = "k9Q2vX7pL4mZ8rT1wY6bN3cF5hJ0dS2g";

    private WebhookFixture fx;
    private Receiver receiver;

    @AfterEach
    void close() throws Exception {
        if (fx != null) {
            fx.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    private WebhookRegistry.Created endpoint(String secret, Boolean tlsVerify) {
        return fx.registry.create(new WebhookInput(receiver.url(), List.of("*"), null, secret, null, null, tlsVerify,
                null, null));
    }

    @Test
    void aRawSecretSignsBothHeadersWithItsUtf8Bytes() throws Exception {
        fx = new WebhookFixture(Kind.H2, Map.of());
        receiver = new Receiver();
        WebhookRegistry.Created created = endpoint(RAW, null);
        assertThat(created.secret()).isEqualTo(RAW);
        fx.append("T1", EventType.TICKET_CREATED);
        await("received", WAIT, () -> receiver.received.size() == 1);
        Receiver.Received r = receiver.received.get(0);

        // Standard Webhooks, keyed with the raw UTF-8 bytes: the reference library's byte[] constructor verifies it
        new Webhook(RAW.getBytes(StandardCharsets.UTF_8)).verify(r.body(), r.headers());
        new WebhookVerifier(RAW).verify(r.header("webhook-id"), r.header("webhook-timestamp"),
                r.header("webhook-signature"), r.body());
        // the legacy header as always: hex HMAC of the body keyed with the whole secret string as UTF-8
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(RAW.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(r.header("X-Webhook-Signature"))
                .isEqualTo(HexFormat.of().formatHex(mac.doFinal(r.body().getBytes(StandardCharsets.UTF_8))));
        // and the secret survives the encrypted store: a fresh registry over the same database signs the same way
        assertThat(fx.registry.get(created.endpoint().id()).secret()).isEqualTo(RAW);
    }

    @Test
    void shortOrSpacedRawSecretsAre422AndWhsecKeepsItsRule() throws Exception {
        fx = new WebhookFixture(Kind.H2, Map.of());
        receiver = new Receiver();
        for (String bad : new String[] {RAW.substring(0, 23), "k9Q2vX7pL4mZ 8rT1wY6bN3cF5hJ0dS2g",
                "k9Q2vX7pL4mZ\t8rT1wY6bN3cF5hJ0dS2g", "x".repeat(257), "whsec_dG9vIHNob3J0"}) {
            assertThatThrownBy(() -> endpoint(bad, null)).isInstanceOf(ValidationException.class)
                    .satisfies(e -> assertThat(((ValidationException) e).errors())
                            .anySatisfy(f -> assertThat(f.field()).isEqualTo("secret")));
        }
        assertThat(endpoint(RAW.substring(0, 24), null).secret()).hasSize(24);
        assertThat(endpoint("é".repeat(24), null).secret()).isEqualTo("é".repeat(24));
    }

    @Test
    void disabledHubWideNothingIsSentAndDeliveriesWaitUntilEnabled() throws Exception {
        fx = new WebhookFixture(Kind.H2, Map.of("enabled", false));
        receiver = new Receiver();
        String id = endpoint(null, null).endpoint().id();
        fx.append("T1", EventType.TICKET_CREATED);
        fx.append("T1", EventType.TICKET_UPDATED);
        await("claimed and put back", WAIT, () -> !fx.engine.list(new org.integrationhub.delivery.DeliveryQuery(
                "webhook", id, null, null, 10)).items().isEmpty() && fx.engine.stats("webhook", id).pending() == 2);
        Thread.sleep(1000); // the engine polls every 100 ms: several claims would have sent by now
        assertThat(receiver.received).isEmpty();
        assertThat(fx.engine.stats("webhook", id).pending()).isEqualTo(2);
        assertThat(fx.registry.get(id).failingSince()).as("not the endpoint's failure").isNull();
        DeliveryOutcome test = fx.sender.sendTest(fx.registry.get(id)).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertThat(test.error()).contains("disabled hub-wide");
        assertThat(receiver.received).isEmpty();

        // switched on (a configuration change re-activates the sender): both go out, in order, nothing lost
        fx.engine.unbindTransport(fx.sender, Map.of("delivery.kind", "webhook"));
        WebhookSender enabled = new WebhookSender(fx.registry, Configs.of(WebhookConfig.class,
                Map.of("allowedNetworks", new String[] {"127.0.0.0/8"})));
        try {
            fx.engine.bindTransport(enabled, Map.of("delivery.kind", "webhook"));
            await("both delivered", WAIT, () -> fx.engine.stats("webhook", id).delivered() == 2);
            assertThat(receiver.received).extracting(r -> r.body().contains("ticket.created"))
                    .containsExactly(true, false);
        } finally {
            fx.engine.unbindTransport(enabled, Map.of("delivery.kind", "webhook"));
            enabled.deactivate();
        }
    }

    @Test
    void verifySslFalseIsTheDefaultOfNewEndpointsAndTrustsTheirCertificateOnly() throws Exception {
        fx = new WebhookFixture(Kind.H2, Map.of("verifySsl", false));
        receiver = new Receiver(selfSigned());
        WebhookRegistry.Created lax = endpoint(null, null);
        WebhookRegistry.Created strict = endpoint(null, true);
        assertThat(lax.endpoint().tlsVerify()).isFalse();
        assertThat(strict.endpoint().tlsVerify()).isTrue();

        DeliveryOutcome laxTest = fx.sender.sendTest(lax.endpoint()).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertThat(laxTest.result()).as(laxTest.error()).isEqualTo(DeliveryOutcome.Result.DELIVERED);
        DeliveryOutcome strictTest = fx.sender.sendTest(strict.endpoint()).toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        assertThat(strictTest.result()).isNotEqualTo(DeliveryOutcome.Result.DELIVERED);
        assertThat(receiver.received).hasSize(1);
    }

    @Test
    void verifySslDefaultsToTrue() throws Exception {
        fx = new WebhookFixture(Kind.H2, Map.of());
        receiver = new Receiver();
        assertThat(endpoint(null, null).endpoint().tlsVerify()).isTrue();
        assertThat(endpoint(null, false).endpoint().tlsVerify()).isFalse();
    }

    /** A TLS context with a fresh self-signed certificate for 127.0.0.1, made by the JDK's keytool. */
    private static SSLContext selfSigned() throws Exception {
        Path dir = Files.createTempDirectory("hub-wh-tls");
        Path store = dir.resolve("receiver.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "receiver", "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit", "-keypass",
                "changeit").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        return tls;
    }
}
