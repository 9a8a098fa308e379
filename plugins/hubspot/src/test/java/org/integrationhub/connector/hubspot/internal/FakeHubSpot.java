package org.integrationhub.connector.hubspot.internal;

import org.integrationhub.testkit.FakeHttpServer;
import org.integrationhub.testkit.FakeHttpServer.Reply;

/**
 * HubSpot CRM v3 answers as HubSpot's reference documents them (contact objects with {@code id},
 * {@code properties}, {@code createdAt}, {@code updatedAt}, {@code archived}; search pages with {@code total},
 * {@code results}; error bodies with {@code status}, {@code message}, {@code correlationId}, {@code category}, and
 * {@code policyName} on a 429), for scripting a {@link FakeHttpServer}.
 */
final class FakeHubSpot {

    static final String SEARCH = "/crm/v3/objects/contacts/search";
    static final String CONTACTS = "/crm/v3/objects/contacts";
    static final String CONTACT_ID = "5101";
    static final String EMAIL = "ann@example.com";

    private FakeHubSpot() {
    }

    /** A contact object with the properties the connector asks for. */
    static String contact(String id, String email, String company, String phone, String stage, String revenue) {
        return "{\"id\":\"" + id + "\",\"properties\":{\"company\":" + quoted(company) + ",\"createdate\":"
                + "\"2026-11-02T09:14:51.177Z\",\"email\":" + quoted(email) + ",\"firstname\":\"Ann\","
                + "\"hs_object_id\":\"" + id + "\",\"lastmodifieddate\":\"2026-12-01T16:02:10.843Z\","
                + "\"lastname\":\"Example\",\"lifecyclestage\":" + quoted(stage) + ",\"phone\":" + quoted(phone)
                + ",\"total_revenue\":" + quoted(revenue) + "},\"createdAt\":\"2026-11-02T09:14:51.177Z\","
                + "\"updatedAt\":\"2026-12-01T16:02:10.843Z\",\"archived\":false}";
    }

    /** Ann at Acme, a customer worth 12500.5. */
    static String ann() {
        return contact(CONTACT_ID, EMAIL, "Acme Corp", "+49 30 1234567", "customer", "12500.5");
    }

    /** @return a search answer holding the given contact objects */
    static String searchResult(String... contacts) {
        return "{\"total\":" + contacts.length + ",\"results\":[" + String.join(",", contacts) + "]}";
    }

    static String notFound() {
        return "{\"status\":\"error\",\"message\":\"resource not found\",\"correlationId\":"
                + "\"7c0e7d1e-93c3-4a55-9d6e-1b8c0d0f3a11\",\"category\":\"OBJECT_NOT_FOUND\"}";
    }

    /** A 429 body as HubSpot sends it for the given policy. */
    static String rateLimited(String policy) {
        return "{\"status\":\"error\",\"message\":\"You have reached your " + policy.toLowerCase()
                + " limit.\",\"errorType\":\"RATE_LIMIT\",\"correlationId\":\"c033cdaa-2c40-4a64-ae48-b4cec88dad24\","
                + "\"policyName\":\"" + policy + "\",\"requestId\":\"3d3e35b7-0dae-4b9f-a6e3-9c34fa12b9bd\"}";
    }

    /** Routes the calls of a healthy account where Ann is a contact. */
    static FakeHttpServer answerNormally(FakeHttpServer remote) {
        remote.route("POST", SEARCH, Reply.of(200, searchResult(ann())));
        remote.route("GET", CONTACTS, Reply.of(200, "{\"results\":[" + ann() + "],\"paging\":{\"next\":{\"after\":"
                + "\"5102\",\"link\":\"?after=5102\"}}}"));
        remote.route("GET", CONTACTS + "/" + CONTACT_ID, Reply.of(200, ann()));
        return remote;
    }

    private static String quoted(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }
}
