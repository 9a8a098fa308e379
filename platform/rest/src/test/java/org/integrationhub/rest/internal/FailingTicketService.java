package org.integrationhub.rest.internal;

import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.integrationhub.api.Comment;
import org.integrationhub.api.HubEvent;
import org.integrationhub.api.NewTicket;
import org.integrationhub.api.Page;
import org.integrationhub.api.Person;
import org.integrationhub.api.Rating;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketMetrics;
import org.integrationhub.api.TicketQuery;
import org.integrationhub.api.TicketService;
import org.integrationhub.api.TicketStats;
import org.integrationhub.api.TicketUpdate;
import org.integrationhub.persistence.DataAccessException;
import org.integrationhub.persistence.Database;

/** A ticket service whose every call fails unexpectedly, and a database that is down. */
final class FailingTicketService implements TicketService {

    private static RuntimeException boom() {
        return new IllegalStateException("boom: secret internal detail");
    }

    @Override
    public Ticket create(NewTicket ticket) {
        throw boom();
    }

    @Override
    public Optional<Ticket> find(String id) {
        throw boom();
    }

    @Override
    public Ticket update(String id, TicketUpdate update) {
        throw boom();
    }

    @Override
    public Page<Ticket> list(TicketQuery query) {
        throw boom();
    }

    @Override
    public Comment addComment(String ticketId, Person author, String body, boolean internal) {
        throw boom();
    }

    @Override
    public List<Comment> comments(String ticketId) {
        throw boom();
    }

    @Override
    public Rating rate(String ticketId, int score, String comment) {
        throw boom();
    }

    @Override
    public List<HubEvent> events(String ticketId) {
        throw boom();
    }

    @Override
    public TicketMetrics metrics() {
        throw boom();
    }

    @Override
    public TicketStats stats() {
        throw boom();
    }

    /** A database that cannot be reached. */
    static final class DownDatabase implements Database {
        @Override
        public Dialect dialect() {
            return Dialect.H2;
        }

        @Override
        public DataSource dataSource() {
            throw new DataAccessException("down", null);
        }

        @Override
        public <T> T inTransaction(TransactionWork<T> work) {
            throw new DataAccessException("cannot connect", null);
        }
    }
}
