package org.integrationhub.gateway.internal;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.core.Response;

import org.integrationhub.api.ConflictException;
import org.integrationhub.api.HubException;
import org.integrationhub.api.NotFoundException;
import org.integrationhub.api.ValidationException;
import org.integrationhub.api.ValidationException.FieldError;
import org.integrationhub.rest.json.JsonRequest;
import org.integrationhub.rest.json.Problem;
import org.integrationhub.rest.json.ProblemException;

/**
 * The REST shape of instance creation ({@code {type, name, config:{key: value}}}), read by {@link JsonRequest} like
 * every body of {@code /api/v1} (an unknown member or a wrong JSON type is a 400 naming the field, a missing
 * {@code type} or {@code name} a 422), and of its refusals: 422 with one {@code errors[]} entry per invalid
 * configuration key ({@code config.<key>}), 404 for an unknown type or instance, 409 for a name in use.
 */
final class InstanceRequests {

    private static final Set<String> FIELDS = Set.of("type", "name", "config");

    /** A creation request, checked for shape. Its text names the configuration's keys, never a value (secrets). */
    record Create(String type, String name, Map<String, String> config) {
        @Override
        public String toString() {
            return "Create[type=" + type + ", name=" + name + ", config keys=" + config.keySet() + "]";
        }
    }

    private InstanceRequests() {
    }

    /**
     * @throws ProblemException 400 for a body that is not an object, an unknown member or a wrong JSON type
     * @throws ValidationException 422 for a missing {@code type} or {@code name}
     */
    static Create create(InputStream body) {
        JsonRequest request = JsonRequest.read(body, FIELDS);
        String type = request.string("type", true);
        String name = request.string("name", true);
        Map<String, List<String>> values = request.scalarMap("config");
        request.validate();
        Map<String, String> config = new LinkedHashMap<>();
        if (values != null) {
            // a null value is a key not given, so it takes its default (integration.events: *, CONTRACT); an array
            // is written comma-separated, as an operator writes it in a .cfg file
            values.forEach((key, items) -> {
                if (items != null) {
                    config.put(key, String.join(", ", items));
                }
            });
        }
        return new Create(type, name, config);
    }

    /**
     * @return the refusal of a configuration as the 422 every {@code /api/v1} validation failure is, its
     *         configuration keys named {@code config.<key>} like the body's members
     */
    static ValidationException configurationErrors(ValidationException e) {
        return new ValidationException(e.errors().stream().map(f -> new FieldError(
                f.field().equals("name") ? f.field() : "config." + f.field(),
                f.message())).toList());
    }

    /**
     * @return the problem+json answer for a refusal of {@link org.integrationhub.gateway.IntegrationConfigurations}
     *         other than a validation failure ({@link #configurationErrors})
     */
    static Response problem(HubException e) {
        return Problem.response(problemBody(e)).build();
    }

    /** @return the problem+json body of a refusal: its status, type, title and detail */
    static Map<String, Object> problemBody(HubException e) {
        if (e instanceof NotFoundException) {
            return Problem.body(404, "not-found", "Not Found", e.getMessage(), null);
        }
        if (e instanceof ConflictException) {
            return Problem.body(409, "duplicate-integration", "Conflict", e.getMessage(), null);
        }
        return Problem.body(400, "invalid-request", "Bad Request", e.getMessage(), null);
    }
}
