package org.integrationhub.connector.hubspot.internal.client;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fields of a HubSpot contact the connector reads; a property HubSpot answers as null or leaves out is
 * {@code ""}.
 *
 * @param id the contact's record id ({@code hs_object_id})
 * @param email its primary e-mail address
 * @param firstName {@code firstname}
 * @param lastName {@code lastname}
 * @param company {@code company}, the company name typed on the contact
 * @param phone {@code phone}
 * @param lifecycleStage {@code lifecyclestage}, the stage's internal name (e.g. {@code customer})
 * @param totalRevenue {@code total_revenue}, the sum of the contact's closed-won deals, as HubSpot formats it
 * @param updatedAt when the contact last changed in HubSpot ({@code updatedAt}, else {@code lastmodifieddate}), or
 *        null if HubSpot gave neither as an ISO-8601 instant
 */
public record Contact(String id, String email, String firstName, String lastName, String company, String phone,
        String lifecycleStage, String totalRevenue, Instant updatedAt) {

    /** The contact properties the connector asks HubSpot for (and follows in webhooks, but {@code email}). */
    public static final List<String> PROPERTIES = List.of("email", "firstname", "lastname", "company", "phone",
            "lifecyclestage", "total_revenue");

    /** @return the contact of a CRM object as HubSpot's v3 API answers it ({@code id}, {@code properties}) */
    static Contact of(JsonNode object) {
        JsonNode p = object.path("properties");
        return new Contact(object.path("id").asText(p.path("hs_object_id").asText("")), text(p, "email"),
                text(p, "firstname"), text(p, "lastname"), text(p, "company"), text(p, "phone"),
                text(p, "lifecyclestage"), text(p, "total_revenue"),
                instant(object.path("updatedAt").asText(p.path("lastmodifieddate").asText(""))));
    }

    private static Instant instant(String text) {
        try {
            return text.isEmpty() ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(JsonNode properties, String name) {
        JsonNode v = properties.path(name);
        return v.isNull() || v.isMissingNode() ? "" : v.asText("").strip();
    }

    /** @return first and last name joined by a space, or {@code ""} */
    public String name() {
        return (firstName + " " + lastName).strip();
    }
}
