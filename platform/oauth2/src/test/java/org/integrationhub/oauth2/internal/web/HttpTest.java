package org.integrationhub.oauth2.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;

/** Pins the bytes of the authorization server's problem+json answers (404, 405, a bad authorization request). */
class HttpTest {

    /** What a servlet wrote: status, headers, content type and length, body. */
    private static final class Recorded {
        final Map<String, Object> set = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        HttpServletResponse response() {
            ServletOutputStream out = new ServletOutputStream() {
                @Override
                public void write(int b) {
                    body.write(b);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                }
            };
            return (HttpServletResponse) Proxy.newProxyInstance(HttpTest.class.getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "getOutputStream":
                                return out;
                            case "setStatus", "setContentType", "setContentLength":
                                set.put(method.getName(), args[0]);
                                return null;
                            case "setHeader":
                                set.put(method.getName() + ":" + args[0], args[1]);
                                return null;
                            default:
                                throw new UnsupportedOperationException(method.getName());
                        }
                    });
        }
    }

    @Test
    void aProblemIsAboutBlankWithTitleStatusAndDetailInThatOrder() throws Exception {
        Recorded recorded = new Recorded();
        Http.problem(recorded.response(), 405, "Method Not Allowed", "Allowed: GET, POST");
        String expected = "{\"type\":\"about:blank\",\"title\":\"Method Not Allowed\",\"status\":405,"
                + "\"detail\":\"Allowed: GET, POST\"}";
        assertThat(recorded.body.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(recorded.set).containsOnly(Map.entry("setStatus", 405),
                Map.entry("setContentType", "application/problem+json"),
                Map.entry("setContentLength", expected.getBytes(StandardCharsets.UTF_8).length));
    }

    @Test
    void aProblemKeepsItsOwnTitleEscapesTheDetailAndWritesANullDetail() throws Exception {
        Recorded recorded = new Recorded();
        Http.problem(recorded.response(), 400, "Invalid authorization request",
                "redirect_uri \"x\" is not registered: ü");
        assertThat(recorded.body.toString(StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"about:blank\","
                + "\"title\":\"Invalid authorization request\",\"status\":400,"
                + "\"detail\":\"redirect_uri \\\"x\\\" is not registered: ü\"}");
        assertThat(recorded.set.get("setContentLength")).isEqualTo(recorded.body.size());

        Recorded noDetail = new Recorded();
        Http.problem(noDetail.response(), 404, "Not Found", null);
        assertThat(noDetail.body.toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":null}");
    }
}
