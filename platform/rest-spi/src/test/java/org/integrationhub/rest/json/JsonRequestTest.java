package org.integrationhub.rest.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.integrationhub.api.ValidationException;
import org.integrationhub.json.HubJson;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The one body reader: shape errors are one 400, value errors one 422, malformed JSON its own 400. */
class JsonRequestTest {

    private static JsonRequest read(String json, String... allowed) {
        return JsonRequest.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), Set.of(allowed));
    }

    @Test
    void readsEveryKindOfMember() {
        JsonRequest r = read("{\"s\":\"x\",\"b\":true,\"i\":3,\"l\":[\"a\",\"b\"],\"m\":{\"k\":\"v\"},\"n\":null}",
                "s", "b", "i", "l", "m", "n");
        assertThat(r.string("s", true)).isEqualTo("x");
        assertThat(r.bool("b")).isTrue();
        assertThat(r.integer("i", true, 1, 5)).isEqualTo(3);
        assertThat(r.strings("l")).containsExactly("a", "b");
        assertThat(r.stringMap("m")).containsExactly(Map.entry("k", "v"));
        assertThat(r.bool("n")).isNull();
        assertThat(r.isNull("n")).isTrue();
        assertThat(r.has("absent")).isFalse();
        r.validate();
    }

    @Test
    void shapeErrorsAreOne400NamingEveryField() {
        JsonRequest r = read("{\"s\":1,\"b\":\"yes\",\"l\":[1],\"m\":{\"k\":2},\"extra\":0}", "s", "b", "l", "m");
        r.string("s", false);
        r.bool("b");
        r.strings("l");
        r.stringMap("m");
        assertThatThrownBy(r::validate).isInstanceOfSatisfying(ProblemException.class, p -> {
            assertThat(p.status()).isEqualTo(400);
            assertThat(p.errors()).extracting(e -> e.field()).containsExactlyInAnyOrder("extra", "s", "b", "l", "m.k");
        });
    }

    @Test
    void scalarMapsGiveEveryValueAsTheTextsOfItsItems() {
        JsonRequest r = read("{\"c\":{\"s\":\"x\",\"n\":50,\"d\":1.5,\"b\":true,\"l\":[\"a\",2,false],"
                + "\"e\":[],\"z\":null}}", "c");
        java.util.Map<String, List<String>> expected = new java.util.LinkedHashMap<>();
        expected.put("s", List.of("x"));
        expected.put("n", List.of("50"));
        expected.put("d", List.of("1.5"));
        expected.put("b", List.of("true"));
        expected.put("l", List.of("a", "2", "false"));
        expected.put("e", List.of());
        expected.put("z", null);
        assertThat(r.scalarMap("c")).containsExactlyEntriesOf(expected);
        assertThat(r.scalarMap("absent")).isNull();
        r.validate();

        JsonRequest bad = read("{\"c\":{\"o\":{\"a\":1},\"l\":[[1]],\"ln\":[null],\"ok\":1},\"d\":[1]}", "c", "d");
        assertThat(bad.scalarMap("c")).containsOnlyKeys("ok");
        assertThat(bad.scalarMap("d")).isNull();
        assertThatThrownBy(bad::validate).isInstanceOfSatisfying(ProblemException.class, p -> {
            assertThat(p.status()).isEqualTo(400);
            assertThat(p.errors()).extracting(e -> e.field()).containsExactly("c.o", "c.l", "c.ln", "d");
        });
    }

    @Test
    void valueErrorsAreOne422() {
        JsonRequest r = read("{\"i\":9}", "s", "i");
        r.string("s", true);
        r.integer("i", false, 1, 5);
        assertThatThrownBy(r::validate).isInstanceOfSatisfying(ValidationException.class,
                v -> assertThat(v.errors()).extracting(e -> e.field()).containsExactly("s", "i"));
    }

    @Test
    void malformedDuplicatedOrNonObjectBodiesAre400() {
        assertThatThrownBy(() -> read("{\"s\":", "s")).isInstanceOf(JsonRequest.JsonBodyException.class);
        assertThatThrownBy(() -> read("{\"s\":\"a\",\"s\":\"b\"}", "s")).isInstanceOf(JsonRequest.JsonBodyException.class);
        assertThatThrownBy(() -> read("[1]", "s")).isInstanceOfSatisfying(ProblemException.class,
                p -> assertThat(p.status()).isEqualTo(400));
        assertThatThrownBy(() -> read("", "s")).isInstanceOf(ProblemException.class);
    }

    @Test
    void problemBodiesAndBytes() throws Exception {
        Map<String, Object> body = Problem.body(422, "validation", "Validation failed", "see errors",
                List.of(new ValidationException.FieldError("url", "is required")));
        assertThat(body).containsEntry("type", "urn:integration-hub:problem:validation").containsEntry("status", 422);
        JsonNode json = HubJson.mapper().readTree(Problem.bytes(body));
        assertThat(json.at("/errors/0/field").asText()).isEqualTo("url");
        JsonNode blank = HubJson.mapper().readTree(Problem.bytes(404, "No resource at this path"));
        assertThat(blank.get("type").asText()).isEqualTo("about:blank");
        assertThat(blank.get("title").asText()).isEqualTo("Not Found");
        assertThat(Problem.reasonPhrase(422)).isEqualTo("Unprocessable Content");
    }
}
