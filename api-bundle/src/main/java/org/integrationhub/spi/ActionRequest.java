package org.integrationhub.spi;

import java.util.Map;
import java.util.Objects;

/**
 * A call of one action.
 *
 * @param action the action name
 * @param params JSON-like parameters (String, Number, Boolean, List, Map, null)
 * @param idempotencyKey a key the connector may forward to the remote system to make retries harmless
 * @since 0.1.0
 */
public record ActionRequest(String action, Map<String, Object> params, String idempotencyKey) {
    public ActionRequest {
        Objects.requireNonNull(action, "action");
        params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    }
}
