package org.integrationhub.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.integrationhub.api.ConflictException;
import org.integrationhub.api.Customer;
import org.integrationhub.api.CustomerChange;
import org.integrationhub.api.CustomerQuery;
import org.integrationhub.api.EventType;
import org.integrationhub.api.HubEvent;
import org.integrationhub.api.NewCustomer;
import org.integrationhub.api.NewTicket;
import org.integrationhub.api.NotFoundException;
import org.integrationhub.api.Page;
import org.integrationhub.api.Person;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.ValidationException;
import org.integrationhub.api.ValidationException.FieldError;
import org.integrationhub.json.HubJson;
import org.integrationhub.persistence.testing.TestDatabases.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The customer API of hub-api 0.3.0 on both databases: create, find, list, merge-patch, events, validation. */
class CustomerProfileTest {

    @ParameterizedTest
    @EnumSource(Kind.class)
    void createsOnceByCaseInsensitiveEmailAndAnnouncesIt(Kind kind) {
        Fixture f = new Fixture(kind);
        Customer ada = f.customers.create(new NewCustomer(" Ada@Example.COM ", " Ada ", "Acme", " "));
        assertThat(ada.email()).isEqualTo("ada@example.com");
        assertThat(ada.name()).isEqualTo("Ada");
        assertThat(ada.company()).isEqualTo("Acme");
        assertThat(ada.phone()).as("blank is none").isNull();
        assertThat(ada.createdAt()).isEqualTo(ada.updatedAt()).isEqualTo(f.clock.instant().truncatedTo(
                java.time.temporal.ChronoUnit.MILLIS));
        assertThat(f.customers.find(ada.id())).contains(ada);
        assertThat(f.customers.findByEmail("ADA@example.com")).contains(ada);
        assertThat(f.customers.list(new CustomerQuery("aDa@EXAMPLE.com", null, 0)).items()).containsExactly(ada);
        assertThat(f.customers.list(new CustomerQuery("bob@example.com", null, 0)).items()).isEmpty();

        assertThatThrownBy(() -> f.customers.create(new NewCustomer("ADA@example.com", "Other", null, null)))
                .isInstanceOf(ConflictException.class).hasMessageContaining(ada.id());
        assertThat(f.count("customer")).isEqualTo(1);

        List<HubEvent> events = customerEvents(f);
        assertThat(events).hasSize(1);
        HubEvent created = events.get(0);
        assertThat(created.customer()).isEqualTo(ada);
        assertThat(created.ticket()).isNull();
        assertThat(created.changedFields()).containsExactlyInAnyOrder("email", "name", "company");
        assertThat(f.eventAdmin.posted).hasSize(1);
        assertThat(f.eventAdmin.posted.get(0).committed()).as("posted after the commit").isTrue();
        assertThat(f.eventAdmin.posted.get(0).event().getTopic()).isEqualTo("org/integrationhub/customer/updated");
        assertThat(f.eventAdmin.posted.get(0).event().getProperty("customer.id")).isEqualTo(ada.id());
        assertThat(outboxKeys(f)).as("the outbox's ordering key is the customer id").containsExactly(ada.id());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void mergePatchChangesOnlyWhatItNamesAndAnnouncesEachActualChangeOnce(Kind kind) {
        Fixture f = new Fixture(kind);
        Customer c = f.customers.create(new NewCustomer("bo@example.com", "Bo", "Acme", "+1 555 0100"));
        f.clock.advance(Duration.ofMinutes(1));

        Customer named = f.customers.update(c.id(), new CustomerChange("Bo B.", null, null, null, null));
        assertThat(named.name()).isEqualTo("Bo B.");
        assertThat(named.company()).isEqualTo("Acme");
        assertThat(named.phone()).isEqualTo("+1 555 0100");
        assertThat(named.updatedAt()).isAfter(c.updatedAt());
        assertThat(named.createdAt()).isEqualTo(c.createdAt());

        f.clock.advance(Duration.ofMinutes(1));
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("hubspot.lifecycle_stage", "lead");
        attrs.put("hubspot.total_revenue", " 1200 ");
        Customer enriched = f.customers.update(c.id(), new CustomerChange(null, "", null, attrs,
                Map.of("hubspot", "5101")));
        assertThat(enriched.company()).as("\"\" clears").isNull();
        assertThat(enriched.attributes()).isEqualTo(Map.of("hubspot.lifecycle_stage", "lead",
                "hubspot.total_revenue", "1200"));
        assertThat(enriched.externalIds()).isEqualTo(Map.of("hubspot", "5101"));

        Map<String, String> patch = new HashMap<>();
        patch.put("hubspot.total_revenue", null);
        patch.put("hubspot.lifecycle_stage", "customer");
        patch.put("absent", null);
        Customer patched = f.customers.update(c.id(), new CustomerChange(null, null, null, patch, null));
        assertThat(patched.attributes()).isEqualTo(Map.of("hubspot.lifecycle_stage", "customer"));
        assertThat(f.customers.find(c.id())).contains(patched);

        int before = customerEvents(f).size();
        f.clock.advance(Duration.ofMinutes(1));
        Map<String, String> same = new HashMap<>();
        same.put("hubspot.lifecycle_stage", "customer");
        same.put("never.there", null);
        Customer unchanged = f.customers.update(c.id(), new CustomerChange("Bo B.", null, "+1 555 0100", same,
                Map.of("hubspot", "5101")));
        assertThat(unchanged).isEqualTo(patched);
        assertThat(f.customers.update(c.id(), CustomerChange.none())).isEqualTo(patched);
        assertThat(f.customers.update(c.id(), null)).isEqualTo(patched);
        assertThat(customerEvents(f)).as("no event for a no-op").hasSize(before);

        List<HubEvent> events = customerEvents(f);
        assertThat(events).extracting(HubEvent::changedFields).containsExactly(
                Set.of("email", "name", "company", "phone"), Set.of("name"),
                Set.of("company", "attributes", "external_ids"), Set.of("attributes"));
        assertThat(events.get(3).customer()).isEqualTo(patched);
        assertThat(f.eventAdmin.hubEvents()).hasSize(4);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everyRuleIsCheckedAndReportedByField(Kind kind) {
        Fixture f = new Fixture(kind);
        assertThat(fields(() -> f.customers.create(new NewCustomer("not-an-address", "n".repeat(256),
                "c".repeat(256), "p".repeat(65))))).containsExactly("email", "name", "company", "phone");
        assertThat(fields(() -> f.customers.create(new NewCustomer(null, null, null, null)))).containsExactly("email");
        assertThat(fields(() -> f.customers.create(null))).containsExactly("email");
        Customer c = f.customers.create(new NewCustomer("rules@example.com", null, "c".repeat(255), "p".repeat(64)));

        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("has space", "x");
        bad.put("ok.key", "v".repeat(1001));
        assertThat(fields(() -> f.customers.update(c.id(), new CustomerChange("n".repeat(256), null, "p".repeat(65),
                bad, null)))).containsExactly("name", "phone", "attributes", "attributes.ok.key");
        assertThat(fields(() -> f.customers.update(c.id(), new CustomerChange(null, null, null,
                Map.of("k".repeat(101), "v"), null)))).containsExactly("attributes");
        assertThat(fields(() -> f.customers.update(c.id(), new CustomerChange(null, null, null, null,
                Map.of("salesforce", " "))))).containsExactly("external_id");

        Map<String, String> hundred = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            hundred.put("a" + i, "v" + i);
        }
        assertThat(f.customers.update(c.id(), new CustomerChange(null, null, null, hundred, null)).attributes())
                .hasSize(100);
        assertThat(fields(() -> f.customers.update(c.id(), new CustomerChange(null, null, null, Map.of("a100", "v"),
                null)))).containsExactly("attributes");
        Map<String, String> swap = new HashMap<>();
        swap.put("a0", null);
        swap.put("a100", "v");
        assertThat(f.customers.update(c.id(), new CustomerChange(null, null, null, swap, null)).attributes())
                .as("the limit counts the attributes after the change").hasSize(100).containsKey("a100");

        assertThatThrownBy(() -> f.customers.update("01ARZ3NDEKTSV4RRFFQ69G5FAV", CustomerChange.none()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> f.customers.update("nope'; --", CustomerChange.none()))
                .isInstanceOf(NotFoundException.class);
        assertThat(f.customers.find("nope")).isEmpty();
        assertThat(f.customers.find(null)).isEmpty();
        assertThat(fields(() -> f.customers.list(new CustomerQuery(null, null, 201)))).containsExactly("limit");
        assertThat(fields(() -> f.customers.list(new CustomerQuery(null, null, -1)))).containsExactly("limit");
        assertThat(fields(() -> f.customers.list(new CustomerQuery(null, "garbage!", 10)))).containsExactly("cursor");
        assertThat(fields(() -> f.customers.list(new CustomerQuery("no-at-sign", null, 10)))).containsExactly("email");
        assertThat(fields(() -> f.customers.updateOrCreate(" ", "x", CustomerChange.none()))).containsExactly("email");
        assertThat(f.count("customer")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void listsInCreationOrderWithOpaqueCursors(Kind kind) {
        Fixture f = new Fixture(kind);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(f.customers.create(new NewCustomer("c" + i + "@example.com", "C" + i, null, null)).id());
            f.clock.advance(Duration.ofMillis(5));
        }
        Ticket t = f.service.create(new NewTicket("t", null, null, new Person("viaticket@example.com", "V"), null));
        ids.add(t.customer().id());
        f.clock.advance(Duration.ofMillis(5));
        ids.add(f.customers.create(new NewCustomer("c4@example.com", null, null, null)).id());

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<Customer> page = f.customers.list(new CustomerQuery(null, cursor, 2));
            page.items().forEach(c -> seen.add(c.id()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertThat(seen).isEqualTo(ids);
        assertThat(pages).isEqualTo(3);
        assertThat(f.customers.list(new CustomerQuery(null, null, 0)).items()).hasSize(5);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void updateOrCreateIsTheConnectorsOneCall(Kind kind) {
        Fixture f = new Fixture(kind);
        Customer created = f.customers.updateOrCreate("New@Example.com", "Nina", new CustomerChange(null, "Globex",
                null, Map.of("salesforce.account", "001A"), Map.of("salesforce", "003A")));
        assertThat(created.email()).isEqualTo("new@example.com");
        assertThat(created.name()).isEqualTo("Nina");
        assertThat(created.company()).isEqualTo("Globex");
        assertThat(created.attributes()).containsEntry("salesforce.account", "001A");
        assertThat(created.externalIds()).containsEntry("salesforce", "003A");
        assertThat(f.customers.find(created.id())).contains(created);
        assertThat(customerEvents(f)).hasSize(1).first().extracting(HubEvent::changedFields)
                .isEqualTo(Set.of("email", "name", "company", "external_ids", "attributes"));

        assertThat(f.customers.updateOrCreate("NEW@example.com", "Someone else", new CustomerChange(null, "Globex",
                null, null, Map.of("salesforce", "003A")))).as("nothing changes: the stored name stays")
                .isEqualTo(created);
        assertThat(customerEvents(f)).hasSize(1);

        Ticket t = f.service.create(new NewTicket("help", null, null, new Person("anon@example.com", null), null));
        assertThat(customerEvents(f)).as("a ticket's new customer is announced by ticket.created only").hasSize(1);
        Customer named = f.customers.updateOrCreate("anon@example.com", "Anon Y.", new CustomerChange(null, null,
                "+44 20 7946 0000", null, null));
        assertThat(named.id()).isEqualTo(t.customer().id());
        assertThat(named.name()).as("an empty stored name is filled in").isEqualTo("Anon Y.");
        assertThat(customerEvents(f)).hasSize(2).last().extracting(HubEvent::changedFields)
                .isEqualTo(Set.of("name", "phone"));
        assertThat(f.service.find(t.id()).orElseThrow().customer()).as("tickets show the whole customer")
                .isEqualTo(named);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void linkingAnExternalIdIsAChange(Kind kind) {
        Fixture f = new Fixture(kind);
        Ticket t = f.service.create(Fixture.ticket("ext", org.integrationhub.api.Priority.NORMAL, "ext@example.com"));
        Customer linked = f.customers.linkExternalId(t.customer().id(), " salesforce ", " 003A ");
        assertThat(linked.externalIds()).isEqualTo(Map.of("salesforce", "003A"));
        f.customers.linkExternalId(t.customer().id(), "salesforce", "003A");
        assertThat(customerEvents(f)).hasSize(1).first().extracting(HubEvent::changedFields)
                .isEqualTo(Set.of("external_ids"));
        assertThat(f.service.events(t.id())).extracting(HubEvent::type).containsExactly(EventType.TICKET_CREATED);
    }

    /** @return the field names of the ValidationException {@code call} throws */
    static List<String> fields(Runnable call) {
        try {
            call.run();
        } catch (ValidationException e) {
            return e.errors().stream().map(FieldError::field).toList();
        }
        throw new AssertionError("no ValidationException");
    }

    /** @return the {@code customer.updated} events of the outbox, in order, as the relay would read them */
    static List<HubEvent> customerEvents(Fixture f) {
        List<HubEvent> events = new ArrayList<>();
        query(f, "SELECT seq, payload FROM outbox_event WHERE type = 'customer.updated' ORDER BY seq", rs -> {
            events.add(HubJson.readEvent(rs.getString(2), rs.getLong(1)));
        });
        return events;
    }

    static List<String> outboxKeys(Fixture f) {
        List<String> keys = new ArrayList<>();
        query(f, "SELECT ticket_id FROM outbox_event ORDER BY seq", rs -> keys.add(rs.getString(1)));
        return keys;
    }

    interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    static void query(Fixture f, String sql, Row row) {
        try (Connection c = f.dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                row.accept(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
