package org.integrationhub.connector.teams.internal;

import java.time.Clock;
import java.util.Map;
import java.util.Set;

import org.integrationhub.spi.ActionRequest;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.IntegrationInterface;
import org.integrationhub.testkit.FakeHttpServer;
import org.integrationhub.testkit.FakeHttpServer.Reply;
import org.integrationhub.testkit.FakeIntegrationContext;
import org.integrationhub.testkit.IntegrationContractTest;

/**
 * The connector contract of the kit, in bot mode: the loopback vendor is the identity platform's token endpoint and
 * the Bot Connector together, so every scripted failure hits the first call the connector makes. (Workflow mode's
 * health makes no call by design — a Workflows POST would show up in the channel — so the kit's "dead vendor is not
 * ONLINE" checks do not apply to it; WorkflowModeTest covers its error mapping.)
 */
class TeamsContractTest extends IntegrationContractTest {

    @Override
    protected IntegrationInterface createIntegration(FakeIntegrationContext context, FakeHttpServer remote) {
        remote.route("POST", BotTestSupport.TOKEN_PATH, BotTestSupport.token("contract-token", 3600));
        remote.route("POST", BotTestSupport.ACTIVITIES, Reply.of(201, "{\"id\":\"1733400000001\"}"));
        remote.route("PUT", BotTestSupport.ACTIVITIES + "/1733400000001", Reply.of(200, "{\"id\":\"1733400000001\"}"));
        TestConfig config = TestConfig.bot(remote.uri("").toString());
        return new TeamsIntegration(context, links, config, Clock.systemUTC());
    }

    @Override
    protected void callVendor(IntegrationInterface integration) throws IntegrationException {
        integration.execute(new ActionRequest("post_message", Map.of("text", "contract check"), "k1"));
    }

    @Override
    protected Set<String> secrets() {
        return Set.of(TestConfig.APP_SECRET);
    }
}
