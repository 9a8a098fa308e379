package org.integrationhub.connector.trello.internal;

import org.integrationhub.testkit.FakeHttpServer;
import org.integrationhub.testkit.FakeHttpServer.Reply;

/**
 * Trello's REST API on a loopback {@link FakeHttpServer}, answering with the shapes of Trello's documented payloads
 * (https://developer.atlassian.com/cloud/trello/rest/): the member of the token, a board with three lists and its
 * default (unnamed) labels, card and comment creation. Tests script other answers on the same server.
 */
final class FakeTrello {

    static final String BOARD = "5abbe4b7ddc1b351ef961414";
    static final String LIST_NEW = "5abbe4b7ddc1b351ef961415";
    static final String LIST_DOING = "5abbe4b7ddc1b351ef961416";
    static final String LIST_DONE = "5abbe4b7ddc1b351ef961417";
    static final String OWN_MEMBER = "5c4efa1d25a9692173830e7f";
    static final String PERSON = "5e679b808e6e8828784b30e1";
    static final String CARD = "5abbe4b7ddc1b351ef961420";
    static final String SHORT_URL = "https://trello.com/c/AbCdEfGh";
    static final String COMMENT_ACTION = "5abbe4b7ddc1b351ef961430";
    static final String URGENT_LABEL = "5abbe4b7ddc1b351ef961440";

    private FakeTrello() {
    }

    /** Scripts the normal answers of every call the connector makes. @return the server */
    static FakeHttpServer answerNormally(FakeHttpServer trello) {
        return trello
                .route("GET", "/1/members/me", Reply.of(200, member(OWN_MEMBER, "hubbot", "Helpdesk Bot")))
                .route("GET", "/1/boards/" + BOARD + "/lists", Reply.of(200, "[" + list(LIST_NEW, "To Do") + ","
                        + list(LIST_DOING, "Doing") + "," + list(LIST_DONE, "Done") + "]"))
                .route("GET", "/1/boards/" + BOARD + "/labels", Reply.of(200, "["
                        + label("5abbe4b7ddc1b351ef961441", "", "green") + ","
                        + label("5abbe4b7ddc1b351ef961442", "", "yellow") + "]"))
                .route("POST", "/1/labels", Reply.of(200, label(URGENT_LABEL, "Urgent", "red")))
                .route("POST", "/1/cards", Reply.of(200, card(CARD, LIST_NEW, "Printer on fire", "")))
                .route("GET", "/1/boards/" + BOARD + "/cards", Reply.of(200, "[]"))
                .route("PUT", "/1/cards/" + CARD, Reply.of(200, card(CARD, LIST_DONE, "Printer on fire", "")))
                .route("POST", "/1/cards/" + CARD + "/actions/comments", Reply.of(200, commentAction(
                        COMMENT_ACTION, OWN_MEMBER, "Helpdesk Bot", CARD, "ok")))
                .route("GET", "/1/cards/" + CARD + "/actions", Reply.of(200, "[]"));
    }

    static String member(String id, String username, String fullName) {
        return "{\"id\":\"" + id + "\",\"activityBlocked\":false,\"avatarHash\":null,\"avatarUrl\":null,"
                + "\"bio\":\"\",\"confirmed\":true,\"fullName\":\"" + fullName + "\",\"idEnterprise\":null,"
                + "\"initials\":\"HB\",\"memberType\":\"normal\",\"status\":\"disconnected\",\"url\":"
                + "\"https://trello.com/" + username + "\",\"username\":\"" + username + "\"}";
    }

    static String list(String id, String name) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"closed\":false,\"idBoard\":\"" + BOARD
                + "\",\"pos\":16384,\"subscribed\":false,\"softLimit\":null}";
    }

    static String label(String id, String name, String color) {
        return "{\"id\":\"" + id + "\",\"idBoard\":\"" + BOARD + "\",\"name\":\"" + name + "\",\"color\":\""
                + color + "\",\"uses\":0}";
    }

    static String card(String id, String idList, String name, String desc) {
        return "{\"id\":\"" + id + "\",\"badges\":{\"comments\":0,\"due\":null},\"checkItemStates\":[],"
                + "\"closed\":false,\"dateLastActivity\":\"2026-12-05T10:00:00.000Z\",\"desc\":\"" + desc + "\","
                + "\"due\":null,\"dueComplete\":false,\"idBoard\":\"" + BOARD + "\",\"idLabels\":[],\"idList\":\""
                + idList + "\",\"idMembers\":[],\"idShort\":1,\"labels\":[],\"name\":\"" + name + "\","
                + "\"pos\":65535,\"shortLink\":\"AbCdEfGh\",\"shortUrl\":\"" + SHORT_URL + "\",\"url\":"
                + "\"https://trello.com/c/AbCdEfGh/1-printer-on-fire\"}";
    }

    static String commentAction(String id, String memberId, String fullName, String cardId, String text) {
        return "{\"id\":\"" + id + "\",\"idMemberCreator\":\"" + memberId + "\",\"data\":{\"text\":\"" + text
                + "\",\"card\":{\"id\":\"" + cardId + "\",\"name\":\"Printer on fire\",\"idShort\":1,"
                + "\"shortLink\":\"AbCdEfGh\"},\"board\":{\"id\":\"" + BOARD + "\",\"name\":\"Support\","
                + "\"shortLink\":\"Bo4rDxYz\"},\"list\":{\"id\":\"" + LIST_NEW + "\",\"name\":\"To Do\"}},"
                + "\"type\":\"commentCard\",\"date\":\"2026-12-05T10:05:00.000Z\",\"limits\":{},"
                + "\"memberCreator\":{\"id\":\"" + memberId + "\",\"fullName\":\"" + fullName + "\","
                + "\"initials\":\"X\",\"username\":\"someone\"}}";
    }

    /** A webhook delivery of a card moved between lists ({@code updateCard} with listBefore/listAfter). */
    static String moveDelivery(String actionId, String memberId, String board, String cardId, String from,
            String to) {
        return moveDelivery(actionId, memberId, board, cardId, from, to, "2026-12-05T10:10:00.000Z");
    }

    static String moveDelivery(String actionId, String memberId, String board, String cardId, String from,
            String to, String date) {
        return "{\"model\":{\"id\":\"" + board + "\",\"name\":\"Support\",\"desc\":\"\",\"closed\":false,"
                + "\"url\":\"https://trello.com/b/Bo4rDxYz/support\",\"shortUrl\":\"https://trello.com/b/Bo4rDxYz\"},"
                + "\"action\":{\"id\":\"" + actionId + "\",\"idMemberCreator\":\"" + memberId + "\",\"data\":{"
                + "\"card\":{\"idList\":\"" + to + "\",\"id\":\"" + cardId + "\",\"name\":\"Printer on fire\","
                + "\"idShort\":1,\"shortLink\":\"AbCdEfGh\"},\"old\":{\"idList\":\"" + from + "\"},"
                + "\"board\":{\"shortLink\":\"Bo4rDxYz\",\"name\":\"Support\",\"id\":\"" + board + "\"},"
                + "\"listBefore\":{\"name\":\"Before\",\"id\":\"" + from + "\"},\"listAfter\":{\"name\":\"After\","
                + "\"id\":\"" + to + "\"}},\"type\":\"updateCard\",\"date\":\"" + date + "\","
                + "\"limits\":{},\"display\":{\"translationKey\":\"action_move_card_from_list_to_list\"},"
                + "\"memberCreator\":{\"id\":\"" + memberId + "\",\"activityBlocked\":false,\"avatarHash\":null,"
                + "\"fullName\":\"Grace Hopper\",\"initials\":\"GH\",\"username\":\"grace\"}}}";
    }

    /** A webhook delivery of a comment on a card ({@code commentCard}). */
    static String commentDelivery(String actionId, String memberId, String fullName, String cardId, String text) {
        return "{\"model\":{\"id\":\"" + BOARD + "\",\"name\":\"Support\"},\"action\":"
                + commentAction(actionId, memberId, fullName, cardId, text) + "}";
    }
}
