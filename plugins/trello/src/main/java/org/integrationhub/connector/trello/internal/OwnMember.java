package org.integrationhub.connector.trello.internal;

import org.integrationhub.connector.trello.internal.client.TrelloClient;
import org.integrationhub.spi.IntegrationException;

/**
 * The Trello member the token belongs to ({@code GET /members/me}): every card, move and comment the connector makes
 * is this member's action, so webhook actions of this member are the connector's own and never synced back. Learnt
 * at the first health check (or when first needed) and kept.
 */
final class OwnMember {

    private final TrelloClient trello;
    private volatile TrelloClient.Member member;

    OwnMember(TrelloClient trello) {
        this.trello = trello;
    }

    /** @return the member id, or "" while unknown */
    String id() {
        TrelloClient.Member m = member;
        return m == null ? "" : m.id();
    }

    /** @return the member id, asking Trello if it is not known yet */
    String require() throws IntegrationException {
        TrelloClient.Member m = member;
        return m != null ? m.id() : refresh().id();
    }

    /** Asks Trello who the token is, and remembers it. */
    TrelloClient.Member refresh() throws IntegrationException {
        TrelloClient.Member m = trello.me();
        member = m;
        return m;
    }
}
