package org.integrationhub.connector.jira.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Atlassian Document Format, the rich-text format of Jira REST v3 (plain strings are refused there): plain text to a
 * document of paragraphs (blank lines separate paragraphs, single line breaks become {@code hardBreak}s), and any
 * document back to plain text (what a ticket comment can hold).
 */
public final class Adf {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Adf() {
    }

    /** @param text plain text, may be empty @return an ADF {@code doc} (version 1) */
    public static ObjectNode document(String text) {
        ObjectNode doc = NODES.objectNode().put("type", "doc").put("version", 1);
        ArrayNode content = doc.putArray("content");
        String normalised = text == null ? "" : text.replace("\r\n", "\n").replace('\r', '\n');
        for (String paragraph : normalised.split("\n\\s*\n")) {
            if (!paragraph.isBlank()) {
                content.add(paragraph(paragraph.strip()));
            }
        }
        return doc;
    }

    /** @param text one paragraph; line breaks become hard breaks @return a {@code paragraph} node */
    public static ObjectNode paragraph(String text) {
        ObjectNode paragraph = NODES.objectNode().put("type", "paragraph");
        ArrayNode inline = paragraph.putArray("content");
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                inline.add(NODES.objectNode().put("type", "hardBreak"));
            }
            if (!lines[i].isEmpty()) {
                inline.add(text(lines[i]));
            }
        }
        return paragraph;
    }

    /**
     * @param prefix plain text before the link, may be empty
     * @param label the link text
     * @param url the target
     * @return a paragraph holding the prefix and one link
     */
    public static ObjectNode linkParagraph(String prefix, String label, String url) {
        ObjectNode paragraph = NODES.objectNode().put("type", "paragraph");
        ArrayNode inline = paragraph.putArray("content");
        if (!prefix.isEmpty()) {
            inline.add(text(prefix));
        }
        ObjectNode link = text(label);
        link.putArray("marks").addObject().put("type", "link").putObject("attrs").put("href", url);
        inline.add(link);
        return paragraph;
    }

    private static ObjectNode text(String text) {
        return NODES.objectNode().put("type", "text").put("text", text);
    }

    /**
     * The plain text of a rich-text value as Jira sends it: an ADF document (REST v3) or a string (REST v2 and some
     * webhook payloads).
     *
     * @param value the {@code body} or {@code description} node; may be null
     * @return the text, paragraphs separated by a blank line; never null
     */
    public static String toText(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        if (value.isTextual()) {
            return value.asText().strip();
        }
        StringBuilder out = new StringBuilder();
        appendBlock(value, out);
        return out.toString().strip();
    }

    private static void appendBlock(JsonNode node, StringBuilder out) {
        String type = node.path("type").asText();
        switch (type) {
            case "text" -> out.append(node.path("text").asText());
            case "hardBreak" -> out.append('\n');
            case "mention" -> out.append(node.path("attrs").path("text").asText());
            case "emoji" -> out.append(node.path("attrs").path("text").asText(
                    node.path("attrs").path("shortName").asText()));
            case "inlineCard", "blockCard" -> out.append(node.path("attrs").path("url").asText());
            case "listItem" -> {
                out.append("- ");
                appendChildren(node, out, "");
            }
            case "doc", "blockquote", "panel" -> appendChildren(node, out, "\n\n");
            case "bulletList", "orderedList" -> appendChildren(node, out, "\n");
            default -> appendChildren(node, out, ""); // paragraph, heading, codeBlock and inline containers
        }
    }

    private static void appendChildren(JsonNode node, StringBuilder out, String separator) {
        boolean first = true;
        for (JsonNode child : node.path("content")) {
            if (!first) {
                out.append(separator);
            }
            first = false;
            appendBlock(child, out);
        }
    }
}
