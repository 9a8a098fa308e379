package org.integrationhub.oauth2.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A user agent for the login and consent pages: keeps cookies, does not follow redirects, submits forms. */
final class Browser {

    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">");
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(URI uri, Map<String, String> form) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(enc(k)).append('=').append(enc(v)).append('&'));
        return http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Submits the page's form with its hidden fields plus the given ones, to the authorize endpoint. */
    HttpResponse<String> submit(URI authorize, HttpResponse<String> page, Map<String, String> fields)
            throws IOException, InterruptedException {
        Map<String, String> form = hiddenFields(page.body());
        form.putAll(fields);
        return post(authorize, form);
    }

    /**
     * Runs the whole user part: login page, credentials, consent (if asked) with the decision.
     *
     * @return the final redirect's Location
     */
    URI authorize(URI request, String user, String password, String decision) throws IOException, InterruptedException {
        URI endpoint = URI.create(request.toString().replaceFirst("\\?.*", ""));
        HttpResponse<String> login = get(request);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        HttpResponse<String> next = submit(endpoint, login, Map.of("username", user, "password", password));
        if (next.statusCode() == 200 && next.body().contains("Allow access?")) {
            next = submit(endpoint, next, Map.of("decision", decision));
        }
        assertThat(next.statusCode()).as(next.body()).isEqualTo(303);
        return URI.create(next.headers().firstValue("Location").orElseThrow());
    }

    static Map<String, String> hiddenFields(String html) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = HIDDEN.matcher(html);
        while (m.find()) {
            fields.put(unescape(m.group(1)), unescape(m.group(2)));
        }
        return fields;
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
