package org.integrationhub.gateway.internal.shell;

import java.util.List;
import java.util.Map;

/** Opens the shell commands' package-private parsing to the gateway's tests. */
public final class IntegrationAddCommandAccess {

    private IntegrationAddCommandAccess() {
    }

    public static Map<String, String> parse(List<String> values) {
        return IntegrationAddCommand.parse(values);
    }
}
