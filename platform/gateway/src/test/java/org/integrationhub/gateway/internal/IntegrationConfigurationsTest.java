package org.integrationhub.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;

import org.integrationhub.api.ConflictException;
import org.integrationhub.api.NotFoundException;
import org.integrationhub.api.ValidationException;
import org.integrationhub.api.ValidationException.FieldError;
import org.integrationhub.gateway.ConfigurationKey;
import org.integrationhub.gateway.ConnectorType;
import org.integrationhub.gateway.InstanceConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Instances created, changed and removed as factory configurations with their etc/ files, checked against the type. */
class IntegrationConfigurationsTest {

    static final String PID = "org.integrationhub.connector.httpnotify";
    private static final String SECRET = "s3cr3t-never-shown";

    @TempDir
    Path etc;

    private final FakeConfigurationAdmin cm = new FakeConfigurationAdmin();

    /** The http-notify type as its metatype describes it; the metatype's own check refuses quotas above 1000. */
    static ConnectorTypes.Installed httpNotify() {
        List<ConfigurationKey> keys = List.of(
                key("integration.name", "string", List.of(), true, false),
                key("integration.events", "string", List.of("*"), false, true),
                key("integration.min.priority", "string", List.of(""), false, false),
                key("url", "string", List.of(), true, false),
                key(".token", "password", List.of(""), false, false),
                key("quotaPerSecond", "integer", List.of("10"), false, false),
                key("verbose", "boolean", List.of("false"), false, false));
        UnaryOperator<String> quota = v -> Integer.parseInt(v) > 1000 ? "Value is greater than the maximum 1000" : null;
        return new ConnectorTypes.Installed(new ConnectorType("http-notify", PID, "org.integrationhub.connector.example/0.1.0",
                "http-notify", "Posts events", keys), Map.of("quotaPerSecond", quota));
    }

    private static ConfigurationKey key(String id, String type, List<String> defaults, boolean required, boolean multiple) {
        return new ConfigurationKey(id, id, "", type, defaults, required, id.startsWith("."), multiple, Map.of());
    }

    private IntegrationConfigurationsImpl service() {
        return new IntegrationConfigurationsImpl(() -> List.of(httpNotify()), cm, etc);
    }

    private static Map<String, String> values(String... kv) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.put(kv[i], kv[i + 1]);
        }
        return out;
    }

    private static Properties load(Path file) throws Exception {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            p.load(r);
        }
        return p;
    }

    @Test
    void createWritesTheFileFileinstallWatchesAndTheNamedFactoryConfiguration() throws Exception {
        InstanceConfiguration created = service().create("http-notify", "ops", values("url", "http://127.0.0.1:9/x",
                ".token", SECRET, "integration.events", "ticket.created  comment.added", "quotaPerSecond", "50"));

        Path file = etc.resolve(PID + "-ops.cfg");
        assertThat(load(file)).containsEntry("integration.name", "ops").containsEntry("url", "http://127.0.0.1:9/x")
                .containsEntry(".token", SECRET).containsEntry("integration.events", "ticket.created, comment.added")
                .containsEntry("quotaPerSecond", "50").doesNotContainKey("verbose");
        assertThat(Files.getPosixFilePermissions(file)).extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
        var config = cm.configurations.get(PID + "~ops");
        assertThat(config.properties).containsEntry("integration.name", "ops").containsEntry(".token", SECRET)
                .containsEntry(IntegrationConfigurationsImpl.FILE_PROPERTY, file.toUri().toString());
        assertThat(created.name()).isEqualTo("ops");
        assertThat(created.type()).isEqualTo("http-notify");
        assertThat(created.config()).containsEntry("url", "http://127.0.0.1:9/x").doesNotContainKey(".token")
                .doesNotContainKey("integration.name").doesNotContainKey(IntegrationConfigurationsImpl.FILE_PROPERTY);
        assertThat(created.secretsSet()).containsExactly(".token");
        assertThat(created.toString()).doesNotContain(SECRET);
        assertThat(service().instance("ops")).contains(created);
    }

    @Test
    void everyInvalidKeyAndValueIsNamedWithoutRepeatingAValue() {
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> service().create("http-notify",
                "ops", values("urll", "http://x", ".token", SECRET, "quotaPerSecond", SECRET, "verbose", "yes",
                        "integration.events", "ticket.created, ticket.exploded", "integration.min.priority", "asap",
                        "integration.name", "other")));
        assertThat(e.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("urll", "quotaPerSecond",
                "verbose", "integration.events", "integration.min.priority", "integration.name", "url");
        assertThat(message(e, "urll")).isEqualTo("unknown key; the keys of http-notify are: integration.events, "
                + "integration.min.priority, url, .token, quotaPerSecond, verbose");
        assertThat(message(e, "quotaPerSecond")).isEqualTo("must be an integer (integer)");
        assertThat(message(e, "verbose")).isEqualTo("must be true or false");
        assertThat(message(e, "integration.events")).startsWith("must be * or event types (ticket.created, ");
        assertThat(message(e, "integration.min.priority")).isEqualTo("must be one of low, normal, high, urgent");
        assertThat(message(e, "url")).isEqualTo("is required");
        assertThat(e.errors().toString()).doesNotContain(SECRET);
        assertThat(message(catchThrowableOfType(ValidationException.class, () -> service().create("http-notify", "ops",
                values("url", "http://x", "quotaPerSecond", "5000"))), "quotaPerSecond"))
                .as("the metatype's own check").isEqualTo("invalid value: Value is greater than the maximum 1000");
        assertThat(message(catchThrowableOfType(ValidationException.class, () -> service().create("http-notify",
                "Bad Name", values("url", "http://x"))), "name")).startsWith("must match [a-z0-9][a-z0-9_-]*");
        assertThat(cm.configurations).isEmpty();
        assertThat(etc).isEmptyDirectory();
    }

    private static String message(ValidationException e, String field) {
        return e.errors().stream().filter(f -> f.field().equals(field)).findFirst().orElseThrow().message();
    }

    @Test
    void unknownTypesAndTakenNamesAreRefused() throws Exception {
        assertThatThrownBy(() -> service().create("jira", "ops", values()))
                .isInstanceOf(NotFoundException.class).hasMessage("No connector type 'jira' is installed; installed types: http-notify");
        cm.put("org.integrationhub.connector.slack", "taken", Map.of("integration.name", "taken"));
        assertThatThrownBy(() -> service().create("http-notify", "taken", values("url", "http://x")))
                .as("a name is unique across types").isInstanceOf(ConflictException.class)
                .hasMessage("An integration named 'taken' exists already");
        Files.writeString(etc.resolve(PID + "-pending.cfg"), "url = http://x\n");
        assertThatThrownBy(() -> service().create("http-notify", "pending", values("url", "http://x")))
                .as("a file fileinstall has not read yet").isInstanceOf(ConflictException.class);
        service().create("http-notify", "ops", values("url", "http://x"));
        assertThatThrownBy(() -> service().create("http-notify", "ops", values("url", "http://y")))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void anEmptyValueMeansTheDefaultExceptForEventsWhereItMeansNone() throws Exception {
        service().create("http-notify", "quiet", values("url", "http://x", "integration.events", "",
                "quotaPerSecond", "", "integration.min.priority", "HIGH"));
        Properties file = load(etc.resolve(PID + "-quiet.cfg"));
        assertThat(file).containsEntry("integration.events", "").containsEntry("integration.min.priority", "high")
                .doesNotContainKey("quotaPerSecond");
        assertThat(Subscriptions.read(List.of(Map.entry(PID, cm.configurations.get(PID + "~quiet").getProperties())))
                .get("quiet").events()).as("subscribed to nothing on purpose").isEmpty();
    }

    @Test
    void updateReplacesTheValuesAndKeepsASecretLeftEmpty() {
        service().create("http-notify", "ops", values("url", "http://x", ".token", SECRET, "quotaPerSecond", "50"));
        InstanceConfiguration changed = service().update("ops", values("url", "http://y", ".token", "",
                "quotaPerSecond", "", "verbose", "TRUE"));
        var stored = cm.configurations.get(PID + "~ops").properties;
        assertThat(stored).containsEntry("url", "http://y").containsEntry(".token", SECRET)
                .containsEntry("verbose", "true").doesNotContainKey("quotaPerSecond")
                .containsEntry(IntegrationConfigurationsImpl.FILE_PROPERTY, etc.resolve(PID + "-ops.cfg").toUri().toString());
        assertThat(changed.secretsSet()).containsExactly(".token");
        service().update("ops", values("url", "http://y", ".token", "env:NOTIFY_TOKEN"));
        assertThat(cm.configurations.get(PID + "~ops").properties).containsEntry(".token", "env:NOTIFY_TOKEN");
        assertThatThrownBy(() -> service().update("nope", values())).isInstanceOf(NotFoundException.class)
                .hasMessage("No integration named 'nope' is configured");
    }

    @Test
    void removeDeletesTheFileAndTheConfiguration() throws Exception {
        service().create("http-notify", "ops", values("url", "http://x"));
        service().remove("ops");
        assertThat(etc.resolve(PID + "-ops.cfg")).doesNotExist();
        assertThat(cm.configurations).isEmpty();
        assertThat(service().instance("ops")).isEmpty();
        assertThatThrownBy(() -> service().remove("ops")).isInstanceOf(NotFoundException.class);
        service().create("http-notify", "ops", values("url", "http://x"));
        assertThat(service().instance("ops")).as("the name is free again").isPresent();
    }

    @Test
    void theGatewaysListingShowsACreatedInstanceAndDropsARemovedOneBeforeTheCallReturns() {
        // Config Admin tells listeners asynchronously (this fake never does): the listing must not depend on it,
        // or a client's GET /api/v1/integrations/{name} right after its POST (201) or DELETE (204) is answered wrongly
        ConnectorConfigurations listing = new ConnectorConfigurations(cm);
        IntegrationConfigurationsImpl service = service();
        service.configured = listing;
        service.create("http-notify", "ops", values("url", "http://x", "integration.events", "ticket.created"));
        assertThat(listing.instances()).containsOnlyKeys("ops");
        assertThat(listing.instances().get("ops").events()).containsExactly("ticket.created");
        service.update("ops", values("url", "http://x", "integration.events", ""));
        assertThat(listing.instances().get("ops").events()).isEmpty();
        service.remove("ops");
        assertThat(listing.instances()).isEmpty();
    }

    @Test
    void withoutAnEtcDirectoryConfigAdminAloneKeepsTheInstance() {
        IntegrationConfigurationsImpl plain = new IntegrationConfigurationsImpl(() -> List.of(httpNotify()), cm, null);
        assertThat(plain.create("http-notify", "ops", values("url", "http://x")).file()).isNull();
        assertThat(cm.configurations.get(PID + "~ops").properties)
                .doesNotContainKey(IntegrationConfigurationsImpl.FILE_PROPERTY);
        plain.remove("ops");
        assertThat(cm.configurations).isEmpty();
    }

    @Test
    void fileValuesAreEscapedAsPropertiesReadThem() throws Exception {
        Path file = etc.resolve("x.cfg");
        Map<String, String> tricky = values("a key", " lead", "b=c", "x:y#z!", "c", "line\nbreak\\ \u00e9\u20ac", "d", "");
        ConfigFiles.write(file, tricky, "comment\nwith # break");
        assertThat(load(file)).containsExactlyInAnyOrderEntriesOf(tricky);
        assertThat(Files.readString(file, StandardCharsets.ISO_8859_1).lines().filter(l -> l.startsWith("#")))
                .hasSize(1);
    }
}
