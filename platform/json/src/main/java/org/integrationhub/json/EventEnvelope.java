package org.integrationhub.json;

import java.time.Instant;
import java.util.List;

import org.integrationhub.api.Comment;
import org.integrationhub.api.Customer;
import org.integrationhub.api.EventType;
import org.integrationhub.api.Rating;
import org.integrationhub.api.Ticket;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Wire shape of an event: {@code {id, type, timestamp, data}}. Not API; see {@link HubJson#eventJson}. */
@JsonPropertyOrder({"id", "type", "timestamp", "data"})
record EventEnvelope(String id, EventType type, Instant timestamp, Data data) {

    /**
     * {@code data}: the ticket for ticket events, the customer for {@code customer.updated}; comment, rating and
     * changed_fields only for the event types carrying them.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"ticket", "customer", "comment", "rating", "changed_fields"})
    record Data(Ticket ticket, Customer customer, Comment comment, Rating rating, List<String> changedFields) {
    }
}
