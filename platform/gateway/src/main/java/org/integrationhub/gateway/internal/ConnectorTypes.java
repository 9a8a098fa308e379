package org.integrationhub.gateway.internal;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.integrationhub.gateway.ConnectorType;

/** The connector types installed now, each with the metatype's own value checks of its keys. */
interface ConnectorTypes {

    /**
     * An installed type.
     *
     * @param type the type and its keys
     * @param checks per key, the metatype's check of one value: an error message, or null if the value is valid
     */
    record Installed(ConnectorType type, Map<String, UnaryOperator<String>> checks) {
        public Installed {
            checks = checks == null ? Map.of() : Map.copyOf(checks);
        }
    }

    /** @return the types installed now; read afresh on every call, so a bundle dropped into deploy/ shows at once */
    List<Installed> installed();
}
