package org.integrationhub.spi;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP request a remote system sent to a connector (see {@link InboundHandler}). Immutable.
 *
 * @param method HTTP method, upper case
 * @param path the path below {@code /integrations/{type}/}, e.g. {@code "commands"}
 * @param headers header values by lower-case name
 * @param body the raw body bytes, exactly as received (signatures are computed over them)
 * @param query the raw query string, or {@code ""}
 * @since 0.1.0
 */
public record InboundRequest(String method, String path, Map<String, List<String>> headers, byte[] body,
        String query) {

    public InboundRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Map<String, List<String>> lower = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((name, values) -> lower.computeIfAbsent(name.toLowerCase(Locale.ROOT),
                    k -> new java.util.ArrayList<>()).addAll(values == null ? List.of() : values));
        }
        lower.replaceAll((k, v) -> List.copyOf(v));
        headers = Collections.unmodifiableMap(lower);
        body = body == null ? new byte[0] : body.clone();
        query = query == null ? "" : query;
    }

    /** @param name header name, any case @return the first value of the header, or null */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** @return a copy of the raw body */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** @return the body decoded as UTF-8 */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * @return the body parsed as {@code application/x-www-form-urlencoded} (UTF-8); the first value of each name
     */
    public Map<String, String> formParameters() {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : bodyAsString().split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(name, value);
        }
        return params;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InboundRequest r && method.equals(r.method) && path.equals(r.path)
                && headers.equals(r.headers) && Arrays.equals(body, r.body) && query.equals(r.query);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, path, headers, Arrays.hashCode(body), query);
    }

    @Override
    public String toString() {
        return method + " " + path + " (" + body.length + " bytes)";
    }
}
