package org.integrationhub.connector.slack.internal;

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

/** The connector contract of the test kit, on a Slack instance talking to a loopback Slack Web API. */
class SlackContractTest extends IntegrationContractTest {

    private TestConfig config;

    @Override
    protected IntegrationInterface createIntegration(FakeIntegrationContext context, FakeHttpServer remote) {
        remote.route("POST", "/api/auth.test", Reply.of(200, "{\"ok\":true,\"team\":\"Subarachnoid Workspace\","
                + "\"user\":\"grace\",\"team_id\":\"T12345678\",\"user_id\":\"W12345678\"}"));
        remote.route("POST", "/api/chat.postMessage", Reply.of(200, "{\"ok\":true,\"channel\":\"C123ABC456\","
                + "\"ts\":\"1503435956.000247\"}"));
        remote.route("POST", "/api/chat.getPermalink", Reply.of(200, "{\"ok\":true,\"channel\":\"C123ABC456\","
                + "\"permalink\":\"https://ghostbusters.slack.com/archives/C123ABC456/p1503435956000247\"}"));
        config = new TestConfig(remote.uri("/api/").toString());
        return new SlackIntegration(context, links, config, Clock.systemUTC());
    }

    @Override
    protected void callVendor(IntegrationInterface integration) throws IntegrationException {
        integration.execute(new ActionRequest("post_message", Map.of("text", "contract check"), "k-1"));
    }

    @Override
    protected Set<String> secrets() {
        TestConfig c = new TestConfig("unused");
        return Set.of(c.token, c.secret);
    }
}
