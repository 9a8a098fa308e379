package org.integrationhub.connector.asana.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.integrationhub.api.NewTicket;
import org.integrationhub.api.Person;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.spi.ActionRequest;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.IntegrationInterface;
import org.integrationhub.testkit.FakeHttpServer;
import org.integrationhub.testkit.FakeHttpServer.Reply;
import org.integrationhub.testkit.FakeIntegrationContext;
import org.integrationhub.testkit.IntegrationContractTest;

/** The plug-in kit's SPI contract, run on the Asana connector against the kit's loopback server. */
class AsanaContractTest extends IntegrationContractTest {

    private TestConfig config;

    @Override
    protected IntegrationInterface createIntegration(FakeIntegrationContext context, FakeHttpServer remote) {
        remote.route("GET", FakeAsana.API + "/users/me", Reply.of(200, "{\"data\":{\"gid\":\"" + FakeAsana.ME
                + "\",\"resource_type\":\"user\",\"name\":\"Hub Bot\"}}"));
        remote.route("POST", FakeAsana.API + "/tasks", Reply.of(201, "{\"data\":{\"gid\":\"1204000000000101\","
                + "\"resource_type\":\"task\",\"completed\":false,\"permalink_url\":"
                + "\"https://app.asana.com/0/1203000000000001/1204000000000101\"}}"));
        config = new TestConfig(remote.uri(FakeAsana.API).toString());
        config.timeoutMillis = 3000;
        return new AsanaIntegration(context, links, config);
    }

    /** Makes the task of a fresh ticket (one {@code POST /tasks}). */
    @Override
    protected void callVendor(IntegrationInterface integration) throws IntegrationException {
        Ticket ticket = tickets.create(new NewTicket("Printer on fire", "3rd floor", Priority.HIGH,
                new Person("ann@example.com", "Ann Example"), null));
        integration.execute(new ActionRequest("create_task", Map.of("ticket_id", ticket.id()), ticket.id()));
    }

    @Override
    protected Set<String> secrets() {
        return Set.of(config == null ? new TestConfig("").token : config.token);
    }

    @Override
    protected Duration timeLimit() {
        return Duration.ofSeconds(6);
    }
}
