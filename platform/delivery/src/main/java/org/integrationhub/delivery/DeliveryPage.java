package org.integrationhub.delivery;

import java.util.List;

/**
 * One page of the delivery log.
 *
 * @param items the deliveries, newest first
 * @param nextCursor the cursor of the next page; null on the last page
 * @since 0.1.0
 */
public record DeliveryPage(List<Delivery> items, String nextCursor) {
    public DeliveryPage {
        items = List.copyOf(items);
    }
}
