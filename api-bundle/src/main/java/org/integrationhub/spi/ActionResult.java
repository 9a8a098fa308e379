package org.integrationhub.spi;

import java.util.Map;

/**
 * The JSON-like result of an action.
 *
 * @param data result fields (String, Number, Boolean, List, Map, null)
 * @since 0.1.0
 */
public record ActionResult(Map<String, Object> data) {
    public ActionResult {
        data = data == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
    }
}
