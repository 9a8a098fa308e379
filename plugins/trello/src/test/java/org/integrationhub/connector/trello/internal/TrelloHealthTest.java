package org.integrationhub.connector.trello.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.integrationhub.spi.HealthResult;
import org.integrationhub.spi.IntegrationStatus;
import org.integrationhub.testkit.FakeHttpServer.Reply;
import org.junit.jupiter.api.Test;

/** Health: the token's member and the board's lists. */
class TrelloHealthTest extends TrelloTestSupport {

    @Test
    void onlineWithTheMemberWhenBothListsAreOnTheBoard() {
        HealthResult health = integration.checkHealth();
        assertThat(health.status()).isEqualTo(IntegrationStatus.ONLINE);
        assertThat(health.detail()).isEqualTo("authenticated as @hubbot on board " + FakeTrello.BOARD);
    }

    @Test
    void aListThatIsNotOnTheBoardIsUnconfigured() {
        trello.route("GET", "/1/boards/" + FakeTrello.BOARD + "/lists", Reply.of(200, "["
                + FakeTrello.list(FakeTrello.LIST_NEW, "To Do") + "]"));
        HealthResult health = integration.checkHealth();
        assertThat(health.status()).isEqualTo(IntegrationStatus.UNCONFIGURED);
        assertThat(health.detail()).contains(FakeTrello.LIST_DONE);
    }

    @Test
    void anInvalidTokenIsOffline() {
        trello.route("GET", "/1/members/me", Reply.of(401, "invalid token").withContentType("text/plain"));
        HealthResult health = integration.checkHealth();
        assertThat(health.status()).isEqualTo(IntegrationStatus.OFFLINE);
        assertThat(health.detail()).contains("authentication").contains("invalid token");
    }

    @Test
    void withoutASecretTheDetailSaysWebhooksAreRefused() {
        config.secret = "";
        integration = new TrelloIntegration(context, links, config);
        assertThat(integration.checkHealth().detail()).endsWith("webhooks refused: .api.secret is not set");
    }
}
