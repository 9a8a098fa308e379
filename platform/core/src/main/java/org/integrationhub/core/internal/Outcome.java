package org.integrationhub.core.internal;

import org.integrationhub.api.HubEvent;

/**
 * A change's result and the event it wrote in its transaction (null if it changed nothing), to be posted on
 * EventAdmin once the transaction has committed.
 */
record Outcome<T>(T value, HubEvent event) {
}
