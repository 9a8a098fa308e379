package org.integrationhub.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.integrationhub.api.EventType;
import org.integrationhub.persistence.testing.TestDatabases.Kind;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two nodes' registries on one database: an endpoint created, disabled or deleted on one node applies on the other
 * as soon as its relay prepares a batch (the endpoints' version moved), not at the 10 s safety-net reload.
 */
class WebhookRegistryNodesTest {

    @AutoClose
    private WebhookFixture fx;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anotherNodesChangeAppliesAtTheNextRelayBatch(Kind kind) throws Exception {
        fx = new WebhookFixture(kind, Map.of());
        WebhookRegistry other = otherNode();
        try {
            other.prepareBatch();
            String id = fx.registry.create(new WebhookInput("http://127.0.0.1:9/hook", List.of("ticket.created"),
                    "desk", null, null, null, null, null, null)).endpoint().id();
            assertThat(other.subscribersForType(EventType.TICKET_CREATED)).as("cached before the batch").isEmpty();

            other.prepareBatch();
            assertThat(other.subscribersForType(EventType.TICKET_CREATED)).containsExactly(id);

            fx.registry.delete(id);
            other.prepareBatch();
            assertThat(other.subscribersForType(EventType.TICKET_CREATED)).isEmpty();
        } finally {
            other.deactivate();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aStaleCopyOnAnotherNodeNeverUndoesAChange(Kind kind) throws Exception {
        fx = new WebhookFixture(kind, Map.of());
        WebhookRegistry other = otherNode();
        try {
            String id = fx.registry.create(new WebhookInput("http://127.0.0.1:9/hook", List.of("ticket.created"),
                    "desk", null, null, null, null, null, null)).endpoint().id();
            other.prepareBatch();
            String rotated = fx.registry.rotate(id).secret();

            // the delivery path of the other node notes a failure on its cached (pre-rotation) copy
            assertThat(other.failed(id)).isFalse();
            assertThat(fx.registry.get(id).secret()).as("the rotation stands").isEqualTo(rotated);
            assertThat(other.cached(id).orElseThrow().secret()).as("the other node reloaded").isEqualTo(rotated);

            // an operator's change on the other node applies to the current version
            Endpoint renamed = other.update(id, new WebhookInput(null, null, "renamed", null, null, null, null, null,
                    null));
            assertThat(renamed.secret()).isEqualTo(rotated);
            assertThat(fx.registry.get(id).description()).isEqualTo("renamed");
            assertThat(fx.registry.get(id).secret()).isEqualTo(rotated);
        } finally {
            other.deactivate();
        }
    }

    /** A second node's registry on the fixture's database, with the same secret key. */
    private WebhookRegistry otherNode() throws Exception {
        WebhookConfig config = Configs.of(WebhookConfig.class, Map.of("allowedNetworks", new String[] {"127.0.0.0/8"},
                "secretKeyFile", fx.keyFile.toString()));
        return new WebhookRegistry(fx.db, fx.engine, fx.scheduler, config, WebhookRegistry.secretBox(config),
                Clock.systemUTC());
    }
}
