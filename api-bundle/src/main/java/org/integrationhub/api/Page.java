package org.integrationhub.api;

import java.util.List;

/**
 * One page of a cursor-paginated listing.
 *
 * @param <T> the item type
 * @param items the items of this page
 * @param nextCursor an opaque cursor for the next page; null on the last page
 * @since 0.1.0
 */
public record Page<T>(List<T> items, String nextCursor) {
    public Page {
        items = List.copyOf(items);
    }
}
