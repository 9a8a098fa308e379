package org.integrationhub.rest.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.integrationhub.api.NotFoundException;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketService;
import org.integrationhub.api.TicketStatus;

/** Shared wire details of the ticket resources: media types, enum names, id checks. */
final class Wire {

    /** The content type of every successful response. */
    static final String JSON_UTF8 = "application/json; charset=utf-8";
    /** PATCH bodies: plain JSON or JSON Merge Patch (RFC 7396), whose semantics the PATCH endpoint follows. */
    static final String MERGE_PATCH = "application/merge-patch+json";

    static final List<String> PRIORITIES = Arrays.stream(Priority.values()).map(Priority::wireName).toList();
    static final List<String> STATUSES = Arrays.stream(TicketStatus.values()).map(TicketStatus::wireName).toList();

    /** Shape of a ULID; anything else is answered with 404 without asking the database. */
    private static final Pattern ULID = Pattern.compile("[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{26}");

    private Wire() {
    }

    static Priority priority(String wireName) {
        return Arrays.stream(Priority.values()).filter(p -> p.wireName().equals(wireName)).findFirst().orElse(null);
    }

    static TicketStatus status(String wireName) {
        return Arrays.stream(TicketStatus.values()).filter(s -> s.wireName().equals(wireName)).findFirst()
                .orElse(null);
    }

    /** @return whether the id could be a ticket id at all */
    static boolean plausibleId(String id) {
        return id != null && ULID.matcher(id).matches();
    }

    /**
     * @return the ticket
     * @throws NotFoundException if there is none with that id
     */
    static Ticket existing(TicketService tickets, String id) {
        Optional<Ticket> ticket = plausibleId(id) ? tickets.find(id) : Optional.empty();
        return ticket.orElseThrow(() -> new NotFoundException("No ticket with this id"));
    }

    /** @throws NotFoundException early for ids that cannot exist */
    static String requirePlausible(String id) {
        if (!plausibleId(id)) {
            throw new NotFoundException("No ticket with this id");
        }
        return id;
    }
}
