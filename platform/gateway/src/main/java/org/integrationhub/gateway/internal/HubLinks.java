package org.integrationhub.gateway.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The hub-wide links of the core configuration (CONTRACT "Hub-wide links"): the ticket URL template and the public
 * base URL. A value that is not an absolute http(s) URL falls back to its default (logged by nobody: the metatype
 * form already shows the default).
 *
 * @param ticketUrlTemplate the template, with {@code {id}}
 * @param publicBaseUrl the base URL, without a trailing slash
 */
record HubLinks(String ticketUrlTemplate, String publicBaseUrl) {

    static final String PID = "org.integrationhub.core";
    static final String TEMPLATE_KEY = "ticketUrlTemplate";
    static final String BASE_KEY = "publicBaseUrl";
    static final HubLinks DEFAULTS = new HubLinks("http://127.0.0.1:8181/api/v1/tickets/{id}", "http://127.0.0.1:8181");

    static HubLinks from(Map<String, ?> properties) {
        String template = absolute(properties.get(TEMPLATE_KEY), DEFAULTS.ticketUrlTemplate);
        String base = absolute(properties.get(BASE_KEY), DEFAULTS.publicBaseUrl);
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return new HubLinks(template, base);
    }

    /** @return the template with {@code {id}} replaced by the URL-encoded id */
    String ticketUrl(String ticketId) {
        String id = URLEncoder.encode(ticketId == null ? "" : ticketId, StandardCharsets.UTF_8);
        return ticketUrlTemplate.contains("{id}") ? ticketUrlTemplate.replace("{id}", id) : ticketUrlTemplate + id;
    }

    private static String absolute(Object value, String fallback) {
        if (value == null || value.toString().isBlank()) {
            return fallback;
        }
        String v = value.toString().trim();
        try {
            URI uri = URI.create(v.replace("{id}", "x"));
            boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            return http && uri.getHost() != null ? v : fallback;
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
