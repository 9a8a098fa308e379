package org.integrationhub.connector.trello.internal.sync;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.integrationhub.api.Priority;
import org.integrationhub.connector.trello.internal.client.TrelloClient;
import org.integrationhub.spi.IntegrationException;

/**
 * The board label of each ticket priority, named after it ({@code Urgent}, {@code High}, {@code Normal},
 * {@code Low}; an existing label of that name, any case, is used as it is) and created when missing, coloured
 * red, orange, green and black. Label ids are cached for the life of the instance.
 */
final class PriorityLabels {

    private final TrelloClient trello;
    private final String board;
    private final Map<Priority, String> ids = new ConcurrentHashMap<>();

    PriorityLabels(TrelloClient trello, String board) {
        this.trello = trello;
        this.board = board;
    }

    static String color(Priority priority) {
        return switch (priority) {
            case URGENT -> "red";
            case HIGH -> "orange";
            case NORMAL -> "green";
            case LOW -> "black";
        };
    }

    /** @return the id of the label of {@code priority}, found on the board or created there */
    String idOf(Priority priority) throws IntegrationException {
        String cached = ids.get(priority);
        if (cached != null) {
            return cached;
        }
        String name = priority.label();
        String id = null;
        for (TrelloClient.Label label : trello.labels(board)) {
            if (label.name() != null && label.name().strip().toLowerCase(Locale.ROOT)
                    .equals(name.toLowerCase(Locale.ROOT))) {
                id = label.id();
                break;
            }
        }
        if (id == null) {
            id = trello.createLabel(board, name, color(priority)).id();
        }
        ids.put(priority, id);
        return id;
    }
}
