package org.integrationhub.gateway.internal.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.integrationhub.gateway.GatewayException;
import org.integrationhub.gateway.IntegrationGateway;
import org.integrationhub.spi.ActionResult;

/** Runs one action of an integration through the gateway's policies. */
@Service
@Command(scope = "hub", name = "integration-exec", description = "Runs an action of an integration through the gateway (rate limit, retry, circuit breaker, time limit), e.g. hub:integration-exec notify-ops notify text=hello")
public class IntegrationExecCommand extends IntegrationCommand {

    @Reference
    IntegrationGateway gateway;

    @Argument(index = 1, name = "action", description = "The action name (see hub:integration-status NAME)", required = true)
    String action;

    @Argument(index = 2, name = "params", multiValued = true, description = "Parameters as key=value; true/false/numbers are typed, anything else is a string")
    List<String> params;

    @Override
    protected void run() throws Exception {
        Map<String, Object> parsed = parse(params);
        try {
            ActionResult result = gateway.execute(name, action, parsed);
            result.data().forEach((k, v) -> System.out.println(k + " = " + v));
        } catch (GatewayException e) {
            throw new IllegalArgumentException(e.getMessage() + " (HTTP " + e.httpStatus() + ")");
        }
    }

    static Map<String, Object> parse(List<String> params) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (params == null) {
            return out;
        }
        for (String p : params) {
            int eq = p.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("Parameter '" + p + "' is not key=value");
            }
            out.put(p.substring(0, eq), typed(p.substring(eq + 1)));
        }
        return out;
    }

    private static Object typed(String value) {
        if (value.equals("true") || value.equals("false")) {
            return Boolean.valueOf(value);
        }
        if (value.matches("-?\\d{1,18}")) {
            return Long.valueOf(value);
        }
        if (value.matches("-?\\d+\\.\\d+")) {
            return Double.valueOf(value);
        }
        return value;
    }
}
