package org.integrationhub.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.integrationhub.api.HubEvent;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Records posted events. When posted, it also looks, through a connection of its own, whether the event's
 * outbox row is already visible to other transactions, i.e. whether the change has been committed.
 */
class FakeEventAdmin implements EventAdmin {

    /** One post: the event and whether its outbox row was committed at that moment. */
    record Posted(Event event, boolean committed) {
        HubEvent hubEvent() {
            return (HubEvent) event.getProperty(EventPublisher.EVENT);
        }
    }

    final List<Posted> posted = new CopyOnWriteArrayList<>();
    final List<Event> sent = new CopyOnWriteArrayList<>();
    private final DataSource dataSource;

    FakeEventAdmin(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void postEvent(Event event) {
        posted.add(new Posted(event, committed((String) event.getProperty(EventPublisher.EVENT_ID))));
    }

    @Override
    public void sendEvent(Event event) {
        sent.add(event);
    }

    List<HubEvent> hubEvents() {
        return posted.stream().map(Posted::hubEvent).toList();
    }

    private boolean committed(String eventId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM outbox_event WHERE id = ?")) {
            ps.setString(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
