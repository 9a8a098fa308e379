package org.integrationhub.core.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.integrationhub.api.HubEvent;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts committed events on EventAdmin (asynchronously). Best effort: the outbox row is the durable record, so a
 * missing EventAdmin or a failing post is logged, never thrown back at the caller whose change is committed.
 */
final class EventPublisher {

    static final String EVENT_ID = "event.id";
    static final String EVENT_TYPE = "event.type";
    static final String TICKET_ID = "ticket.id";
    static final String CUSTOMER_ID = "customer.id";
    static final String EVENT_SEQUENCE = "event.sequence";
    static final String EVENT = "event";

    private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);

    private EventPublisher() {
    }

    static void publish(EventAdmin eventAdmin, List<HubEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        if (eventAdmin == null) {
            LOG.debug("No EventAdmin; {} event(s) stay in the outbox only", events.size());
            return;
        }
        for (HubEvent e : events) {
            try {
                eventAdmin.postEvent(new Event(e.type().topic(), properties(e)));
            } catch (RuntimeException ex) {
                LOG.warn("Could not post event {} ({}) of {} on EventAdmin: {}", e.id(), e.type().wireName(),
                        e.subjectId(), ex.toString());
            }
        }
    }

    static Map<String, Object> properties(HubEvent e) {
        Map<String, Object> props = new HashMap<>();
        props.put(EVENT_ID, e.id());
        props.put(EVENT_TYPE, e.type().wireName());
        if (e.ticket() != null) {
            props.put(TICKET_ID, e.ticketId());
        }
        if (e.customer() != null) {
            props.put(CUSTOMER_ID, e.customer().id());
        }
        props.put(EVENT_SEQUENCE, e.sequence());
        props.put(EVENT, e);
        return props;
    }
}
