package org.integrationhub.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.ws.rs.Consumes;
import javax.ws.rs.HttpMethod;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Response;

import org.integrationhub.json.HubJson;
import org.integrationhub.rest.spi.ApiResource;
import org.integrationhub.rest.spi.RequiresScope;
import org.integrationhub.security.Scopes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * The OpenAPI document served at {@code /api/v1/openapi.json} is kept by hand; this test fails when it drifts from
 * the code. It reflects over every JAX-RS resource of the hub found on the class path (this bundle's and the
 * {@link ApiResource}s of gateway, links and webhooks, which are test dependencies) and compares, operation by
 * operation: path and method both ways, path and query parameters, whether a body is taken and its media types, the
 * scope ({@link RequiresScope}, {@code admin} without one, none for {@link PublicEndpoint}) and the success status.
 * A source scan makes sure no bundle's {@code implements ApiResource} escapes the class path scan. The document is
 * also validated by swagger-parser as OpenAPI 3.1.
 */
class OpenApiDriftTest {

    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}/]+)}");
    private static final Set<String> VERBS = Set.of("get", "post", "put", "patch", "delete", "head", "options");
    private static JsonNode spec;
    private static Map<String, Operation> code;

    /** One JAX-RS resource method as the code declares it. */
    record Operation(String resource, Method method, String scope, Set<String> query, boolean body,
            Set<String> consumes) {
    }

    @BeforeAll
    static void read() throws Exception {
        spec = HubJson.mapper().readTree(OpenApiResource.load());
        code = new TreeMap<>();
        for (Class<?> type : resourceClasses()) {
            collect(type, code);
        }
    }

    @Test
    void theDocumentIsValidOpenApi31() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(
                new String(OpenApiResource.load(), StandardCharsets.UTF_8), null, options);
        assertThat(result.getMessages()).as("swagger-parser messages").isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        assertThat(result.getOpenAPI().getSpecVersion()).isEqualTo(SpecVersion.V31);
        assertThat(result.getOpenAPI().getPaths()).hasSize(spec.get("paths").size());
    }

    @Test
    void everyResourceOfEveryBundleIsScanned() throws IOException {
        Set<String> scanned = new TreeSet<>();
        code.values().forEach(o -> scanned.add(o.resource()));
        Path platform = Path.of("..").toAbsolutePath().normalize();
        Set<String> declared = new TreeSet<>();
        try (Stream<Path> files = Files.walk(platform)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && p.toString().contains(
                    File.separator + "src" + File.separator + "main" + File.separator)).toList()) {
                String source = Files.readString(f);
                if (source.contains("implements ApiResource")) {
                    declared.add(f.getFileName().toString().replace(".java", ""));
                }
            }
        }
        assertThat(declared).as("ApiResource classes in platform/*/src/main").isNotEmpty();
        assertThat(scanned).as("add the bundle declaring it as a test dependency of hub-rest").containsAll(declared);
        assertThat(scanned).contains("TicketResource", "CustomerResource", "WebhookResource", "IntegrationResource",
                "TicketLinksResource", "OpenApiResource", "HealthResource");
    }

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedRouteExists() {
        Set<String> documented = new TreeSet<>();
        spec.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
            if (VERBS.contains(m)) {
                documented.add(m.toUpperCase() + " " + p.getKey());
            }
        }));
        assertThat(documented).as("in the document, not served").isSubsetOf(code.keySet());
        assertThat(code.keySet()).as("served, not in the document").isSubsetOf(documented);
    }

    @Test
    void parametersBodiesScopesAndStatusesMatch() {
        List<String> drift = new ArrayList<>();
        code.forEach((key, o) -> {
            String path = key.substring(key.indexOf(' ') + 1);
            JsonNode op = spec.get("paths").path(path).get(key.substring(0, key.indexOf(' ')).toLowerCase());
            if (op == null) {
                drift.add(key + ": not documented");
                return;
            }
            Set<String> pathParams = new TreeSet<>();
            Set<String> queryParams = new TreeSet<>();
            for (JsonNode p : op.path("parameters")) {
                JsonNode param = p.has("$ref") ? resolve(p.get("$ref").asText()) : p;
                (param.get("in").asText().equals("path") ? pathParams : queryParams).add(param.get("name").asText());
                if (param.get("in").asText().equals("path") && !param.path("required").asBoolean()) {
                    drift.add(key + ": path parameter " + param.get("name").asText() + " must be required");
                }
            }
            Set<String> templated = new TreeSet<>();
            Matcher m = TEMPLATE.matcher(path);
            while (m.find()) {
                templated.add(m.group(1));
            }
            check(drift, key, "path parameters", templated, pathParams);
            check(drift, key, "query parameters", o.query(), queryParams);
            if (o.body() != op.has("requestBody")) {
                drift.add(key + ": takes a body " + o.body() + ", documents one " + op.has("requestBody"));
            }
            if (o.body() && !o.consumes().isEmpty()) {
                Set<String> documentedTypes = new TreeSet<>();
                op.get("requestBody").get("content").fieldNames().forEachRemaining(documentedTypes::add);
                check(drift, key, "request media types", o.consumes(), documentedTypes);
            }
            if (o.scope() == null) {
                if (!op.has("security") || !op.get("security").isEmpty()) {
                    drift.add(key + ": public in the code, not `security: []` in the document");
                }
            } else if (!o.scope().equals(op.path("x-required-scope").asText())) {
                drift.add(key + ": scope " + o.scope() + " in the code, " + op.path("x-required-scope") + " documented");
            } else if (!op.get("security").toString().contains("\"" + o.scope() + "\"")) {
                drift.add(key + ": the oauth2 requirement does not name " + o.scope());
            }
            Class<?> returns = o.method().getReturnType();
            Set<String> statuses = new TreeSet<>();
            op.get("responses").fieldNames().forEachRemaining(statuses::add);
            if (returns == void.class && !statuses.contains("204")) {
                drift.add(key + ": returns nothing (204), documents " + statuses);
            } else if (returns != void.class && returns != Response.class && !statuses.contains("200")) {
                drift.add(key + ": returns an entity (200), documents " + statuses);
            } else if (statuses.stream().noneMatch(s -> s.startsWith("2"))) {
                drift.add(key + ": no success status documented");
            }
            if (o.scope() != null && !(statuses.contains("401") && statuses.contains("403"))) {
                drift.add(key + ": an authenticated operation documents 401 and 403");
            }
        });
        assertThat(drift).isEmpty();
    }

    private static void check(List<String> drift, String key, String what, Set<String> inCode, Set<String> documented) {
        if (!inCode.equals(documented)) {
            drift.add(key + ": " + what + " " + inCode + " in the code, " + documented + " documented");
        }
    }

    private static JsonNode resolve(String ref) {
        JsonNode node = spec;
        for (String part : ref.substring(2).split("/")) {
            node = node.get(part);
        }
        return node;
    }

    private static void collect(Class<?> type, Map<String, Operation> into) {
        String base = type.getAnnotation(javax.ws.rs.Path.class).value();
        for (Method method : type.getMethods()) {
            String verb = verb(method);
            if (verb == null) {
                continue;
            }
            javax.ws.rs.Path sub = method.getAnnotation(javax.ws.rs.Path.class);
            String path = ("/" + base + (sub == null ? "" : "/" + sub.value())).replaceAll("/+", "/");
            if (path.length() > 1 && path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            boolean isPublic = method.isAnnotationPresent(PublicEndpoint.class) || type.isAnnotationPresent(
                    PublicEndpoint.class);
            RequiresScope required = method.isAnnotationPresent(RequiresScope.class)
                    ? method.getAnnotation(RequiresScope.class) : type.getAnnotation(RequiresScope.class);
            Set<String> query = new TreeSet<>();
            boolean body = false;
            for (Parameter p : method.getParameters()) {
                if (p.isAnnotationPresent(QueryParam.class)) {
                    query.add(p.getAnnotation(QueryParam.class).value());
                } else if (p.getAnnotations().length == 0) {
                    body = true; // JAX-RS: the one parameter without an annotation is the entity
                }
            }
            Consumes consumes = method.isAnnotationPresent(Consumes.class) ? method.getAnnotation(Consumes.class)
                    : type.getAnnotation(Consumes.class);
            Set<String> types = new HashSet<>();
            if (consumes != null) {
                types.addAll(List.of(consumes.value()));
            }
            String key = verb + " " + path;
            assertThat(into).as("one method per route").doesNotContainKey(key);
            into.put(key, new Operation(type.getSimpleName(), method, isPublic ? null
                    : required == null ? Scopes.ADMIN : required.value(), query, body, new TreeSet<>(types)));
        }
    }

    private static String verb(Method method) {
        for (Annotation a : method.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** Every class under org.integrationhub on the test class path with a class-level {@code @Path}. */
    private static List<Class<?>> resourceClasses() throws IOException, ClassNotFoundException {
        Set<String> names = new TreeSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p)) {
                Path root = p.resolve("org/integrationhub");
                if (Files.isDirectory(root)) {
                    try (Stream<Path> files = Files.walk(root)) {
                        files.filter(f -> f.toString().endsWith(".class")).forEach(f -> names.add(
                                p.relativize(f).toString().replace(File.separatorChar, '/')));
                    }
                }
            } else if (entry.endsWith(".jar") && p.getFileName().toString().startsWith("hub-")) {
                try (JarFile jar = new JarFile(p.toFile())) {
                    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
                        String name = e.nextElement().getName();
                        if (name.startsWith("org/integrationhub/") && name.endsWith(".class")) {
                            names.add(name);
                        }
                    }
                }
            }
        }
        List<Class<?>> resources = new ArrayList<>();
        for (String name : names) {
            if (name.contains("$") || name.endsWith("package-info.class")) {
                continue;
            }
            String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
            Class<?> type;
            try {
                type = Class.forName(className, false, OpenApiDriftTest.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                continue; // e.g. shell commands whose Karaf API is not on this class path
            }
            if (type.isAnnotationPresent(javax.ws.rs.Path.class)) {
                resources.add(type);
            }
        }
        return resources;
    }
}
