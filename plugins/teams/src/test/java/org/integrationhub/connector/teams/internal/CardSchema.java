package org.integrationhub.connector.teams.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * The official Adaptive Cards 1.5 JSON schema (draft-06, microsoft/AdaptiveCards schemas/1.5.0/adaptive-card.json,
 * MIT; see src/test/resources/adaptivecards/README.md), checked with networknt json-schema-validator.
 */
final class CardSchema {

    private static final Schema SCHEMA = load();

    private CardSchema() {
    }

    private static Schema load() {
        try (InputStream in = CardSchema.class.getResourceAsStream("/adaptivecards/adaptive-card-1.5.json")) {
            ObjectNode schema = (ObjectNode) new ObjectMapper().readTree(in);
            // the official file declares draft-06 but names itself with draft-04's "id"; draft-06 spells it "$id"
            schema.set("$id", schema.remove("id"));
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_6).getSchema(schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the schema's complaints about the card (empty: valid) */
    static List<String> errors(JsonNode card) {
        return SCHEMA.validate(card).stream().map(Error::toString).toList();
    }

    /** Asserts that a card is a valid Adaptive Card 1.5 as Teams needs it (version 1.5, type AdaptiveCard). */
    static void assertValid(JsonNode card) {
        assertThat(errors(card)).as("Adaptive Card 1.5 schema errors of %s", card).isEmpty();
        assertThat(card.path("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(card.path("version").asText()).isEqualTo("1.5");
    }

    /** Asserts a Teams message: one Adaptive Card attachment, valid; @return the card */
    static JsonNode assertCardMessage(JsonNode message) {
        assertThat(message.path("type").asText()).isEqualTo("message");
        assertThat(message.path("attachments")).hasSize(1);
        JsonNode attachment = message.path("attachments").get(0);
        assertThat(attachment.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertValid(attachment.path("content"));
        return attachment.path("content");
    }
}
