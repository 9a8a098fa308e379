package org.integrationhub.connector.slack.internal;

import java.util.stream.Collectors;

import com.google.gson.JsonObject;

import org.integrationhub.api.HubException;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.ValidationException;
import org.integrationhub.spi.IntegrationException;

/** The JSON messages the connector answers Slack with (slash command replies, ephemeral errors). */
final class Replies {

    private Replies() {
    }

    /** @return a message only the requesting user sees */
    static String ephemeral(String text) {
        JsonObject o = new JsonObject();
        o.addProperty("response_type", "ephemeral");
        o.addProperty("replace_original", false);
        o.addProperty("text", text);
        return o.toString();
    }

    /** @return a message everyone in the channel sees */
    static String inChannel(String text) {
        JsonObject o = new JsonObject();
        o.addProperty("response_type", "in_channel");
        o.addProperty("text", text);
        return o.toString();
    }

    static String help() {
        return ephemeral("""
                Integration Hub commands:
                • `/ticket <subject>` – open a ticket (you are the customer)
                • `/status <id>` – show a ticket
                • `/assign <id> <@user|email>` – assign a ticket
                • `/close <id>` – close a ticket""");
    }

    /** @return a one-line summary of a ticket, linked */
    static String summary(Ticket t, String link) {
        return "*<" + link + "|" + t.id() + ">* " + TicketMessage.escape(t.subject()) + "\nStatus: *"
                + TicketMessage.label(t.status()) + "* · Priority: *" + t.priority().label() + "* · Assignee: *"
                + (t.assignee() == null || t.assignee().isBlank() ? "Unassigned" : TicketMessage.escape(t.assignee()))
                + "*";
    }

    /** @return an ephemeral message explaining a failure, without internals */
    static String failure(String what, Exception e) {
        if (e instanceof ValidationException v) {
            return ephemeral(what + ": " + v.errors().stream().map(f -> f.field() + " " + f.message())
                    .collect(Collectors.joining("; ")));
        }
        if (e instanceof HubException || e instanceof IntegrationException) {
            return ephemeral(what + ": " + e.getMessage());
        }
        return ephemeral(what + ": an internal error occurred; the hub's log has the details.");
    }
}
