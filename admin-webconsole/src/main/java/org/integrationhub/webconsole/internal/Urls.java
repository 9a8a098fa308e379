package org.integrationhub.webconsole.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** URL encoding of query parameters. */
final class Urls {

    private Urls() {
    }

    static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
