package org.integrationhub.connector.trello.internal;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.integrationhub.testkit.FakeHttpServer.Recorded;

/**
 * What Trello's REST reference documents for the calls the connector makes, so the tests' loopback Trello refuses
 * what a strict Trello would: the operation's exact method and path (e.g. {@code POST /1/webhooks/}, with the slash),
 * only its documented query parameters and its required ones, ids in Trello's 24-hex form, documented enum values
 * ({@code pos}, label {@code color}, list {@code filter}), the documented lengths and ranges ({@code text} 1–16384,
 * {@code description} 0–16384, labels {@code limit} 0–1000, actions {@code page} 0–19), dates in ISO 8601, and
 * every call authenticated with {@code Authorization: OAuth oauth_consumer_key="…", oauth_token="…"} of the configured
 * key and token, neither of them in the URL. A body is only allowed as JSON (the connector sends none).
 * Sources: https://developer.atlassian.com/cloud/trello/rest/ (api-group-members, -boards, -labels, -cards,
 * -webhooks; the OpenAPI document published there) and the authorization guide ("passing token and key in API
 * requests").
 */
final class TrelloRequestRules {

    private static final String ID = "[0-9a-fA-F]{24}";
    private static final Pattern TRELLO_ID = Pattern.compile(ID);

    /** A documented operation: method, path pattern below {@code /1}, documented and required query parameters. */
    private record Operation(String method, Pattern path, Set<String> documented, Set<String> required) {
    }

    private static final List<Operation> OPERATIONS = List.of(
            new Operation("GET", Pattern.compile("/members/(me|" + ID + ")"), Set.of("actions", "boards",
                    "boardBackgrounds", "boardsInvited", "boardsInvited_fields", "boardStars", "cards",
                    "customBoardBackgrounds", "customEmoji", "customStickers", "fields", "notifications",
                    "organizations", "organization_fields", "organization_paid_account", "organizationsInvited",
                    "organizationsInvited_fields", "paid_account", "savedSearches", "tokens"), Set.of()),
            new Operation("GET", Pattern.compile("/boards/" + ID + "/lists"),
                    Set.of("cards", "card_fields", "filter", "fields"), Set.of()),
            new Operation("GET", Pattern.compile("/boards/" + ID + "/labels"), Set.of("fields", "limit"), Set.of()),
            new Operation("GET", Pattern.compile("/boards/" + ID + "/cards"), Set.of(), Set.of()),
            new Operation("POST", Pattern.compile("/labels"), Set.of("name", "color", "idBoard"),
                    Set.of("name", "color", "idBoard")),
            new Operation("POST", Pattern.compile("/cards"), Set.of("name", "desc", "pos", "due", "start",
                    "dueComplete", "idList", "idMembers", "idLabels", "urlSource", "fileSource", "mimeType",
                    "idCardSource", "keepFromSource", "address", "locationName", "coordinates"), Set.of("idList")),
            new Operation("GET", Pattern.compile("/cards/" + ID), Set.of("fields", "actions", "attachments",
                    "attachment_fields", "members", "member_fields", "membersVoted", "memberVoted_fields",
                    "checkItemStates", "checklists", "checklist_fields", "board", "board_fields", "list",
                    "pluginData", "stickers", "sticker_fields", "customFieldItems"), Set.of()),
            new Operation("PUT", Pattern.compile("/cards/" + ID), Set.of("name", "desc", "closed", "idMembers",
                    "idAttachmentCover", "idList", "idLabels", "idBoard", "pos", "due", "start", "dueComplete",
                    "subscribed", "address", "locationName", "coordinates", "cover"), Set.of()),
            new Operation("POST", Pattern.compile("/cards/" + ID + "/actions/comments"), Set.of("text"),
                    Set.of("text")),
            new Operation("GET", Pattern.compile("/cards/" + ID + "/actions"), Set.of("filter", "page"), Set.of()),
            new Operation("POST", Pattern.compile("/webhooks/"), Set.of("description", "callbackURL", "idModel",
                    "active"), Set.of("callbackURL", "idModel")));

    private static final Set<String> COLORS = Set.of("yellow", "purple", "blue", "red", "green", "orange", "black",
            "sky", "pink", "lime");
    private static final Set<String> VIEW_FILTERS = Set.of("all", "closed", "none", "open");
    private static final Pattern ACTION_TYPES = Pattern.compile(
            "[a-zA-Z]+(:[a-zA-Z]+)?(,\\s*[a-zA-Z]+(:[a-zA-Z]+)?)*");

    private TrelloRequestRules() {
    }

    /** @return why Trello would refuse this request (one line), or null if it is as documented */
    static String problem(Recorded r, String key, String token) {
        String line = r.method() + " " + r.path();
        String expected = "OAuth oauth_consumer_key=\"" + key + "\", oauth_token=\"" + token + "\"";
        if (!expected.equals(r.header("Authorization"))) {
            return line + ": not authorized with the key and token in Trello's OAuth header";
        }
        Map<String, List<String>> query = r.queryParameters();
        if (query.containsKey("key") || query.containsKey("token")) {
            return line + ": a credential in the URL";
        }
        if (!r.body().isEmpty() && !String.valueOf(r.header("Content-Type")).toLowerCase(Locale.ROOT)
                .startsWith("application/json")) {
            return line + ": a body that is not JSON";
        }
        if (!r.path().startsWith("/1/")) {
            return line + ": not below /1";
        }
        String path = r.path().substring(2);
        Operation op = OPERATIONS.stream().filter(o -> o.method().equals(r.method()) && o.path().matcher(path)
                .matches()).findFirst().orElse(null);
        if (op == null) {
            return line + ": no such operation in Trello's reference";
        }
        for (Map.Entry<String, List<String>> p : query.entrySet()) {
            if (!op.documented().contains(p.getKey())) {
                return line + ": query parameter '" + p.getKey() + "' is not documented for this operation";
            }
            if (p.getValue().size() > 1) {
                return line + ": query parameter '" + p.getKey() + "' given twice";
            }
        }
        for (String name : op.required()) {
            if (!query.containsKey(name) || query.get(name).get(0).isEmpty()) {
                return line + ": required query parameter '" + name + "' missing";
            }
        }
        String value = valueProblem(query, path.endsWith("/lists"));
        return value == null ? null : line + ": " + value;
    }

    private static String valueProblem(Map<String, List<String>> query, boolean lists) {
        for (Map.Entry<String, List<String>> p : query.entrySet()) {
            String v = p.getValue().get(0);
            String problem = switch (p.getKey()) {
                case "idList", "idBoard", "idModel" -> TRELLO_ID.matcher(v).matches() ? null : "invalid id";
                case "idLabels" -> List.of(v.split(",", -1)).stream().allMatch(id -> TRELLO_ID.matcher(id).matches())
                        ? null : "not a comma-separated list of ids";
                case "pos" -> v.equals("top") || v.equals("bottom") || isPositiveNumber(v) ? null
                        : "not top, bottom or a positive number";
                case "color" -> COLORS.contains(v) ? null : "not a label colour";
                case "filter" -> lists ? VIEW_FILTERS.contains(v) ? null : "not all, closed, none or open"
                        : ACTION_TYPES.matcher(v).matches() ? null : "not a comma-separated list of action types";
                case "due" -> isDate(v) ? null : "not an ISO 8601 date";
                case "limit" -> isIntIn(v, 0, 1000) ? null : "not 0 to 1000";
                case "page" -> isIntIn(v, 0, 19) ? null : "not 0 to 19";
                case "text" -> v.length() >= 1 && v.length() <= 16384 ? null : "not 1 to 16384 characters";
                case "name", "desc", "description" -> v.length() <= 16384 ? null : "longer than 16384 characters";
                case "callbackURL" -> isHttpUrl(v) ? null : "not an http(s) URL";
                default -> null;
            };
            if (problem != null) {
                return "invalid value for " + p.getKey() + " (" + problem + ")";
            }
        }
        return null;
    }

    /** Fails with every request Trello's reference would not accept, one per line. */
    static void assertDocumented(List<Recorded> requests, String key, String token) {
        List<String> problems = new ArrayList<>();
        for (Recorded r : requests) {
            String problem = problem(r, key, token);
            if (problem != null) {
                problems.add(problem);
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("requests Trello's REST reference does not accept:\n  "
                    + String.join("\n  ", problems));
        }
    }

    private static boolean isPositiveNumber(String v) {
        try {
            return Double.parseDouble(v) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isIntIn(String v, int min, int max) {
        try {
            int i = Integer.parseInt(v);
            return i >= min && i <= max;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isDate(String v) {
        try {
            OffsetDateTime.parse(v);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isHttpUrl(String v) {
        try {
            URI u = URI.create(v);
            return ("https".equals(u.getScheme()) || "http".equals(u.getScheme())) && u.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
