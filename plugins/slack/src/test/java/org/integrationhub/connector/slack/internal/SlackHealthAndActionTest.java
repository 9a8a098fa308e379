package org.integrationhub.connector.slack.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;

import org.integrationhub.api.EventType;
import org.integrationhub.api.Priority;
import org.integrationhub.api.TicketStatus;
import org.integrationhub.spi.ActionRequest;
import org.integrationhub.spi.ActionResult;
import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.HealthResult;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.IntegrationStatus;
import org.junit.jupiter.api.Test;

/** Health is auth.test; the post_message action; configuration problems become UNCONFIGURED. */
class SlackHealthAndActionTest extends SlackTestSupport {

    @Test
    void healthyWhenAuthTestSucceeds() {
        HealthResult h = slack.checkHealth();
        assertThat(h.status()).isEqualTo(IntegrationStatus.ONLINE);
        assertThat(h.detail()).isEqualTo("team Subarachnoid Workspace, bot user grace");
        assertThat(slackApi.calls("auth.test").get(0).authorization()).isEqualTo("Bearer xoxb-test-token");
    }

    @Test
    void offlineWhenTheTokenIsRefused() {
        slackApi.answer("auth.test", "{\"ok\":false,\"error\":\"invalid_auth\"}");
        HealthResult h = slack.checkHealth();
        assertThat(h.status()).isEqualTo(IntegrationStatus.OFFLINE);
        assertThat(h.detail()).contains("invalid_auth").doesNotContain("xoxb");
    }

    @Test
    void offlineWhenSlackIsUnreachable() {
        slackApi.close();
        assertThat(slack.checkHealth().status()).isEqualTo(IntegrationStatus.OFFLINE);
    }

    @Test
    void unconfiguredWithoutTokenReportedAtActivationAndNothingIsCalled() {
        config.token = "";
        restart();
        assertThat(slack.checkHealth()).isEqualTo(HealthResult.unconfigured(".bot.token is not set"));
        assertThat(context.lastReport("slack-support").status()).isEqualTo(IntegrationStatus.UNCONFIGURED);
        IntegrationException e = catchThrowableOfType(IntegrationException.class, () -> slack.onEvent(
                event(EventType.TICKET_CREATED, ticket(Priority.LOW, TicketStatus.OPEN, null))));
        assertThat(e.category()).isEqualTo(ErrorCategory.CONFIGURATION);
        assertThat(slackApi.calls()).isEmpty();
    }

    @Test
    void aMalformedRoutingRuleIsUnconfiguredAndNamed() {
        config.rules = new String[] {"ticket.exploded=#x"};
        restart();
        assertThat(slack.checkHealth().detail()).isEqualTo(
                "routing rule 'ticket.exploded=#x': unknown event type: ticket.exploded");
    }

    @Test
    void theTokenMayComeFromTheEnvironment() {
        context.withEnvironment("SLACK_TOKEN", "xoxb-from-env");
        config.token = "env:SLACK_TOKEN";
        restart();
        slack.checkHealth();
        assertThat(slackApi.calls("auth.test").get(0).authorization()).isEqualTo("Bearer xoxb-from-env");
    }

    @Test
    void postMessagePostsToTheGivenOrDefaultChannel() throws Exception {
        ActionResult r = slack.execute(new ActionRequest("post_message", Map.of("text", "hello"), "k1"));
        assertThat(r.data()).containsEntry("channel", "C123ABC456").containsKey("ts");
        slack.execute(new ActionRequest("post_message", Map.of("text", "hi", "channel", "#ops"), "k2"));
        assertThat(slackApi.calls("chat.postMessage")).extracting(c -> c.form().get("channel"))
                .containsExactly("#support", "#ops");
        assertThat(catchThrowableOfType(IntegrationException.class, () -> slack.execute(
                new ActionRequest("post_message", Map.of(), "k3"))).category()).isEqualTo(ErrorCategory.CONFIGURATION);
    }

    @Test
    void descriptorNamesTheSecrets() {
        assertThat(slack.descriptor().name()).isEqualTo("slack-support");
        assertThat(slack.descriptor().type()).isEqualTo("slack");
        assertThat(slack.descriptor().secretProperties()).containsExactlyInAnyOrder(".bot.token", ".signing.secret");
    }
}
