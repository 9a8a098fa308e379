package org.integrationhub.connector.salesforce.internal.sync;

import java.time.Instant;
import java.util.Optional;

import org.integrationhub.spi.LinkStore;
import org.integrationhub.spi.TicketLink;

/**
 * What the connector remembers per ticket, in the platform's {@link LinkStore} (durable across restarts): the public
 * link to the ticket's Case (type {@value #LINK_TYPE}, key = the Case id, listed at
 * {@code GET /api/v1/tickets/{id}/links}) and two private values:
 * <ul>
 * <li>{@code salesforce.create}: a Case create call whose answer is not known yet ({@code <epoch millis of its start>
 * <Subject sent>}; older marks hold the millis alone);</li>
 * <li>{@code salesforce.status}: the Case Status the connector last set.</li>
 * </ul>
 */
public final class SyncState {

    /** Type of the public link to a ticket's Case. */
    public static final String LINK_TYPE = "case";
    private static final String CREATE = "salesforce.create";
    private static final String STATUS = "salesforce.status";

    private final LinkStore links;
    private final String instance;

    public SyncState(LinkStore links, String instance) {
        this.links = links;
        this.instance = instance;
    }

    /** @return the ticket's Case link, if it has one */
    public Optional<TicketLink> caseOf(String ticketId) {
        return links.link(instance, ticketId, LINK_TYPE);
    }

    /** @return the link (and so the ticket) of a Case id, if any */
    public Optional<TicketLink> ticketOf(String caseId) {
        return links.findByKey(instance, LINK_TYPE, caseId);
    }

    void link(String ticketId, String caseId, String url) {
        links.putLink(new TicketLink(instance, ticketId, LINK_TYPE, caseId, url));
    }

    /** A Case create call whose answer is not known: when it started and the Subject it sent (null if unknown). */
    record Pending(Instant since, String subject) {
    }

    Optional<Pending> createPending(String ticketId) {
        return links.get(instance, ticketId, CREATE).map(v -> {
            int space = v.indexOf(' ');
            return space < 0 ? new Pending(Instant.ofEpochMilli(Long.parseLong(v)), null)
                    : new Pending(Instant.ofEpochMilli(Long.parseLong(v.substring(0, space))), v.substring(space + 1));
        });
    }

    /** Marks a create call as started; the Subject is kept so a retry looks for what was sent, not today's subject. */
    void markCreatePending(String ticketId, Instant now, String subject) {
        links.put(instance, ticketId, CREATE, now.toEpochMilli() + " " + subject);
    }

    void clearCreatePending(String ticketId) {
        links.remove(instance, ticketId, CREATE);
    }

    Optional<String> status(String ticketId) {
        return links.get(instance, ticketId, STATUS);
    }

    void recordStatus(String ticketId, String status) {
        links.put(instance, ticketId, STATUS, status);
    }
}
