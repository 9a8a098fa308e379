package org.integrationhub.oauth2.internal.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;

import org.integrationhub.oauth2.internal.OAuthError;

/**
 * Reads {@code application/x-www-form-urlencoded} bodies and query strings, bounded in size. Parameters without a
 * value count as omitted (RFC 6749 §3.1).
 */
final class FormParser {

    /** Thrown when the body is larger than allowed: answered with 413. */
    static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("request body too large", null, false, false);
        }
    }

    private FormParser() {
    }

    /** @return the body's parameters, each with all its values */
    static Map<String, List<String>> body(HttpServletRequest request, int maxBytes) throws IOException, TooLarge {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw OAuthError.invalidRequest("the body must be application/x-www-form-urlencoded");
        }
        if (request.getContentLengthLong() > maxBytes) {
            throw new TooLarge();
        }
        byte[] buffer = new byte[maxBytes + 1];
        int total = 0;
        try (InputStream in = request.getInputStream()) {
            int n;
            while (total <= maxBytes && (n = in.read(buffer, total, buffer.length - total)) > 0) {
                total += n;
            }
        }
        if (total > maxBytes) {
            throw new TooLarge();
        }
        return parse(new String(buffer, 0, total, StandardCharsets.UTF_8));
    }

    /** @return the parameters of a query string or form body, each with all its values */
    static Map<String, List<String>> parse(String encoded) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return result;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (!value.isEmpty()) {
                    result.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                }
            } catch (IllegalArgumentException e) {
                throw OAuthError.invalidRequest("malformed form encoding");
            }
        }
        return result;
    }

    /**
     * @return the parameters as single values
     * @throws OAuthError invalid_request if one is repeated (RFC 6749 §3.2)
     */
    static Map<String, String> single(Map<String, List<String>> params) {
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            if (e.getValue().size() > 1) {
                throw OAuthError.invalidRequest("parameter " + e.getKey() + " is repeated");
            }
            result.put(e.getKey(), e.getValue().get(0));
        }
        return result;
    }
}
