package org.integrationhub.rest.internal;

import java.util.List;

/**
 * A collection response: {@code {"data":[...], "next_cursor": "..."|null, "has_more": bool}}.
 *
 * @param data the items
 * @param nextCursor cursor of the next page, null on the last one
 * @param hasMore whether there is a next page
 */
public record ListResponse<T>(List<T> data, String nextCursor, boolean hasMore) {

    static <T> ListResponse<T> of(List<T> data) {
        return new ListResponse<>(data, null, false);
    }
}
