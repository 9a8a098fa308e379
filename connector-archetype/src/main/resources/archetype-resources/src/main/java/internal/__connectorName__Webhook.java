package ${package}.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.integrationhub.api.Comment;
import org.integrationhub.api.ConflictException;
import org.integrationhub.api.NotFoundException;
import org.integrationhub.api.Person;
import org.integrationhub.api.TicketService;
import org.integrationhub.api.ValidationException;
import org.integrationhub.spi.InboundRequest;
import org.integrationhub.spi.InboundResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Requests the vendor sends to {@code POST /integrations/${connectorType}/webhook}: a comment made on the vendor's
 * side becomes a comment on the hub ticket. The request is authenticated first, from its raw bytes, before anything
 * parses it: {@code X-Signature: sha256=<hex HMAC-SHA256(webhook secret, body)>}, compared in constant time.
 * An unauthenticated request gets 401 (the platform then asks the next instance of this type) and changes nothing;
 * a request already handled (same {@code id}) is acknowledged again without a second comment.
 *
 * <p>The payload is the template's stand-in (see README.md):
 * {@code {"id":"…","type":"comment.created","ticket_id":"…","text":"…","author":{"name":"…","email":"…"}}}.
 */
final class ${connectorName}Webhook {

    static final String PATH = "webhook";
    static final String SIGNATURE = "X-Signature";
    private static final String PREFIX = "sha256=";

    private final byte[] secret;
    private final Supplier<TicketService> tickets;
    private final ObjectMapper json;
    private final RecentIds handled = new RecentIds(10_000);
    private final RecentIds ownComments;

    /**
     * @param secret the webhook secret; empty refuses every request
     * @param tickets the hub's ticket service, looked up when a request needs it
     * @param ownComments where the ids of the comments written here are remembered, so they are not sent back
     */
    ${connectorName}Webhook(String secret, Supplier<TicketService> tickets, ObjectMapper json, RecentIds ownComments) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.tickets = tickets;
        this.json = json;
        this.ownComments = ownComments;
    }

    InboundResponse handle(InboundRequest request) {
        String refused = authenticate(request);
        if (refused != null) {
            return InboundResponse.unauthorized(refused);
        }
        if (!"POST".equals(request.method())) {
            return InboundResponse.problem(405, "Method Not Allowed", "the ${connectorName} webhook accepts POST only");
        }
        JsonNode body;
        try {
            body = json.readTree(request.body());
        } catch (IOException e) {
            return InboundResponse.problem(400, "Bad Request", "the body is not JSON");
        }
        String id = text(body, "id");
        if (id == null) {
            return InboundResponse.problem(422, "Unprocessable Content", "id is required");
        }
        if (!"comment.created".equals(text(body, "type"))) {
            return InboundResponse.json(200, "{\"status\":\"ignored\"}");
        }
        synchronized (handled) {
            if (handled.contains(id)) {
                return InboundResponse.json(200, "{\"status\":\"duplicate\"}");
            }
            return addComment(id, body);
        }
    }

    private InboundResponse addComment(String id, JsonNode body) {
        String ticketId = text(body, "ticket_id");
        String text = text(body, "text");
        if (ticketId == null || text == null) {
            return InboundResponse.problem(422, "Unprocessable Content", "ticket_id and text are required");
        }
        JsonNode author = body.path("author");
        Person person = new Person(text(author, "email"), text(author, "name"));
        Comment comment;
        try {
            comment = tickets.get().addComment(ticketId, person, text, false);
        } catch (NotFoundException e) {
            return InboundResponse.problem(404, "Not Found", "no ticket " + ticketId);
        } catch (ValidationException e) {
            return InboundResponse.problem(422, "Unprocessable Content", e.getMessage());
        } catch (ConflictException e) {
            return InboundResponse.problem(409, "Conflict", e.getMessage());
        }
        ownComments.add(comment.id());
        handled.add(id);
        return InboundResponse.json(200, "{\"status\":\"created\",\"comment_id\":\"" + comment.id() + "\"}");
    }

    /** @return null when the request is signed with this instance's secret, else why not (no secret in it) */
    private String authenticate(InboundRequest request) {
        if (secret.length == 0) {
            return "this ${connectorType} instance has no webhook secret configured";
        }
        String signature = request.header(SIGNATURE);
        if (signature == null || !signature.startsWith(PREFIX)) {
            return "missing " + SIGNATURE + " header";
        }
        byte[] expected = (PREFIX + sign(request.body())).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.US_ASCII))) {
            return "signature mismatch";
        }
        return null;
    }

    /** @return the hex HMAC-SHA256 of {@code body} under the webhook secret */
    String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText();
    }
}
