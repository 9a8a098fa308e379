package org.integrationhub.spi;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * A connector's answer to an {@link InboundRequest}. Immutable.
 *
 * @param status HTTP status
 * @param contentType the content type, or null for an empty body
 * @param body the body bytes (empty for none)
 * @param headers extra response headers (not Content-Type)
 * @since 0.1.0
 */
public record InboundResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    /** The JSON content type. */
    public static final String JSON = "application/json; charset=utf-8";
    /** The RFC 9457 problem content type. */
    public static final String PROBLEM_JSON = "application/problem+json";

    public InboundResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status out of range: " + status);
        }
        body = body == null ? new byte[0] : body.clone();
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** @param status HTTP status @param json a JSON document @return a JSON response */
    public static InboundResponse json(int status, String json) {
        return new InboundResponse(status, JSON, json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** @return 200 with an empty body (Slack's plain acknowledgement) */
    public static InboundResponse ok() {
        return new InboundResponse(200, null, null, Map.of());
    }

    /**
     * @param status 4xx/5xx status
     * @param title short summary
     * @param detail explanation for the caller; never a secret
     * @return an RFC 9457 problem response
     */
    public static InboundResponse problem(int status, String title, String detail) {
        String json = "{\"type\":\"about:blank\",\"title\":\"" + escape(title) + "\",\"status\":" + status
                + ",\"detail\":\"" + escape(detail) + "\"}";
        return new InboundResponse(status, PROBLEM_JSON, json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** @param detail why the request was refused @return 401: the request is not authenticated for this instance */
    public static InboundResponse unauthorized(String detail) {
        return problem(401, "Unauthorized", detail);
    }

    /** @return a copy of the body */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** @return the body decoded as UTF-8 */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : Objects.toString(s, "").toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InboundResponse r && status == r.status && Objects.equals(contentType, r.contentType)
                && Arrays.equals(body, r.body) && headers.equals(r.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, contentType, Arrays.hashCode(body), headers);
    }

    @Override
    public String toString() {
        return status + " " + contentType + " (" + body.length + " bytes)";
    }
}
