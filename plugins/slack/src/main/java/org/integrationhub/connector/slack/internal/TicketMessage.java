package org.integrationhub.connector.slack.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.slack.api.model.Attachment;
import com.slack.api.model.Field;
import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import com.slack.api.model.block.element.StaticSelectElement;

import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketStatus;

/**
 * The Slack message of a ticket: Block Kit blocks (subject linked to the ticket, description excerpt, buttons
 * "View Ticket", "Assign to Me" and a "Change Status" select) plus the original design's attachment, coloured by
 * priority, with the short fields Priority, Status and Assignee.
 */
final class TicketMessage {

    static final String ACTION_VIEW = "view_ticket";
    static final String ACTION_ASSIGN_TO_ME = "assign_to_me";
    static final String ACTION_CHANGE_STATUS = "change_status";
    /** Prefix of the actions block's id; the ticket id follows. */
    static final String BLOCK_PREFIX = "ticket:";
    static final int EXCERPT_LENGTH = 280;

    private final String text;
    private final List<LayoutBlock> blocks;
    private final List<Attachment> attachments;

    private TicketMessage(String text, List<LayoutBlock> blocks, List<Attachment> attachments) {
        this.text = text;
        this.blocks = blocks;
        this.attachments = attachments;
    }

    /** @param ticket the ticket's current state @param link the ticket's URL @return its message */
    static TicketMessage of(Ticket ticket, String link) {
        String text = "[" + ticket.priority().label() + "] " + ticket.subject() + " (ticket " + ticket.id() + ")";
        List<LayoutBlock> blocks = new ArrayList<>();
        StringBuilder md = new StringBuilder("*<").append(link).append('|').append(escape(ticket.subject()))
                .append(">*");
        if (!ticket.description().isBlank()) {
            md.append('\n').append(escape(excerpt(ticket.description())));
        }
        blocks.add(SectionBlock.builder().blockId("ticket_summary")
                .text(MarkdownTextObject.builder().text(md.toString()).build()).build());
        blocks.add(ActionsBlock.builder().blockId(BLOCK_PREFIX + ticket.id()).elements(actions(ticket, link)).build());
        Attachment attachment = Attachment.builder().color(colour(ticket.priority())).fallback(text)
                .fields(List.of(field("Priority", ticket.priority().label()),
                        field("Status", label(ticket.status())),
                        field("Assignee", ticket.assignee() == null || ticket.assignee().isBlank() ? "Unassigned"
                                : ticket.assignee())))
                .build();
        return new TicketMessage(text, List.copyOf(blocks), List.of(attachment));
    }

    private static List<BlockElement> actions(Ticket ticket, String link) {
        List<OptionObject> options = new ArrayList<>();
        for (TicketStatus s : TicketStatus.values()) {
            options.add(option(s));
        }
        return List.of(
                ButtonElement.builder().actionId(ACTION_VIEW).text(plain("View Ticket")).url(link).build(),
                ButtonElement.builder().actionId(ACTION_ASSIGN_TO_ME).text(plain("Assign to Me"))
                        .value(ticket.id()).build(),
                StaticSelectElement.builder().actionId(ACTION_CHANGE_STATUS).placeholder(plain("Change Status"))
                        .options(options).initialOption(option(ticket.status())).build());
    }

    /** @return the attachment colour of a priority: urgent red, high orange, normal green, low grey */
    static String colour(Priority priority) {
        return switch (priority) {
            case URGENT -> "#E01E5A";
            case HIGH -> "#F2952F";
            case NORMAL -> "#2EB67D";
            case LOW -> "#9E9E9E";
        };
    }

    static String label(TicketStatus status) {
        String wire = status.wireName();
        return wire.substring(0, 1).toUpperCase(Locale.ROOT) + wire.substring(1);
    }

    private static OptionObject option(TicketStatus status) {
        return OptionObject.builder().text(plain(label(status))).value(status.wireName()).build();
    }

    private static Field field(String title, String value) {
        return Field.builder().title(title).value(value).valueShortEnough(true).build();
    }

    private static PlainTextObject plain(String text) {
        return PlainTextObject.builder().text(text).emoji(false).build();
    }

    static String excerpt(String text) {
        String oneLine = text.strip();
        return oneLine.length() <= EXCERPT_LENGTH ? oneLine : oneLine.substring(0, EXCERPT_LENGTH - 1) + "…";
    }

    /** Escapes Slack's control characters of mrkdwn text ({@code & < >}). */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    String text() {
        return text;
    }

    List<LayoutBlock> blocks() {
        return blocks;
    }

    List<Attachment> attachments() {
        return attachments;
    }
}
