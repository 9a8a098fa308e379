package org.integrationhub.json;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.integrationhub.api.EventType;
import org.integrationhub.api.HubEvent;
import org.integrationhub.api.Priority;
import org.integrationhub.api.TicketStatus;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The canonical JSON of the helpdesk domain, used for outbox payloads, webhook bodies and the REST API.
 *
 * <ul>
 * <li>Property names in snake_case ({@code created_at}, {@code ticket_id}, {@code external_ids}).</li>
 * <li>Instants as ISO-8601 UTC with exactly three fraction digits: {@code "2026-11-25T19:23:07.123Z"} (the
 * domain keeps millisecond precision). Any ISO-8601 instant is accepted when reading.</li>
 * <li>Null members are written ({@code "assignee": null}).</li>
 * <li>{@link Priority}, {@link TicketStatus} and {@link EventType} as their wire names ({@code "urgent"},
 * {@code "open"}, {@code "ticket.created"}); reading accepts exactly those names.</li>
 * <li>Strict reading: unknown properties, scalar coercion (e.g. {@code "5"} for a number), null for primitives and
 * trailing tokens all fail.</li>
 * </ul>
 *
 * <p>Shapes: Ticket {@code {id, subject, description, priority, status, assignee, customer, created_at, updated_at,
 * sla_due_at, resolved_at}}; Customer {@code {id, email, name, company, phone, external_ids:{source: id},
 * attributes:{key: value}, created_at, updated_at}} (company and phone null when unknown; before 0.3.0 the customer
 * had no company, phone, attributes or updated_at, and such JSON still reads); Comment {@code {id, ticket_id,
 * author:{email, name}, body, internal, created_at}}; Rating {@code {id, ticket_id, score, comment, created_at}};
 * event: see {@link #eventJson(HubEvent)}.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class HubJson {

    /** ISO-8601 UTC, always with milliseconds. */
    static final DateTimeFormatter INSTANT_FORMAT = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

    /** Canonical order of {@code changed_fields}; names not listed here follow, sorted. */
    private static final List<String> FIELD_ORDER = List.of("subject", "description", "priority", "status",
            "assignee", "sla_due_at", "resolved_at", "email", "name", "company", "phone", "external_ids", "attributes");

    private static final ObjectMapper MAPPER = createMapper();

    private HubJson() {
    }

    /**
     * The shared, configured mapper. Use it as is (or through {@code reader()/writer()}); do not reconfigure it,
     * call {@link ObjectMapper#copy()} for a variant.
     *
     * @return the mapper
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * The event envelope, exactly the body of a webhook delivery:
     * {@code {"id":"<event ULID>","type":"ticket.created","timestamp":"<ISO>","data":{"ticket":{...}}}}. {@code data}
     * also carries {@code "comment"} for {@code comment.added}, {@code "rating"} for {@code rating.received} and
     * {@code "changed_fields":[...]} for {@code ticket.updated}, {@code ticket.resolved} and {@code ticket.closed}.
     * A {@code customer.updated} event carries {@code {"customer":{...},"changed_fields":[...]}} and no ticket.
     * The outbox sequence is not part of the JSON.
     *
     * @param event the event
     * @return its JSON
     */
    public static String eventJson(HubEvent event) {
        boolean update = carriesChangedFields(event.type());
        EventEnvelope.Data data = new EventEnvelope.Data(event.ticket(), event.customer(), event.comment(),
                event.rating(), update ? orderedFields(event.changedFields()) : null);
        try {
            return MAPPER.writeValueAsString(new EventEnvelope(event.id(), event.type(), event.occurredAt(), data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + event.id() + " as JSON", e);
        }
    }

    /**
     * Parses what {@link #eventJson} wrote: {@code readEvent(eventJson(e), e.sequence())} equals {@code e}.
     *
     * @param json an event envelope
     * @param sequence the outbox sequence of the event
     * @return the event
     * @throws IllegalArgumentException if the JSON is not a valid event envelope
     */
    public static HubEvent readEvent(String json, long sequence) {
        try {
            EventEnvelope e = MAPPER.readValue(json, EventEnvelope.class);
            if (e.data() == null) {
                throw new IllegalArgumentException("event JSON has no data");
            }
            EventEnvelope.Data d = e.data();
            return new HubEvent(e.id(), sequence, e.type(), e.timestamp(), d.ticket(), d.comment(), d.rating(),
                    d.changedFields() == null ? Set.of() : Set.copyOf(d.changedFields()),
                    e.type() == EventType.CUSTOMER_UPDATED ? d.customer() : null);
        } catch (IOException | NullPointerException e) {
            throw new IllegalArgumentException("malformed event JSON: " + e.getMessage(), e);
        }
    }

    /**
     * @param type an event type
     * @return whether its {@code data} carries {@code changed_fields}
     */
    static boolean carriesChangedFields(EventType type) {
        return type == EventType.TICKET_UPDATED || type == EventType.TICKET_RESOLVED || type == EventType.TICKET_CLOSED
                || type == EventType.CUSTOMER_UPDATED;
    }

    private static List<String> orderedFields(Set<String> fields) {
        List<String> list = new ArrayList<>(fields);
        list.sort(Comparator.<String>comparingInt(f -> FIELD_ORDER.contains(f) ? FIELD_ORDER.indexOf(f)
                : FIELD_ORDER.size()).thenComparing(Comparator.naturalOrder()));
        return list;
    }

    private static ObjectMapper createMapper() {
        SimpleModule wire = new SimpleModule("hub-wire-names");
        addWireEnum(wire, Priority.class, Priority::wireName);
        addWireEnum(wire, TicketStatus.class, TicketStatus::wireName);
        addWireEnum(wire, EventType.class, EventType::wireName);
        wire.addSerializer(Instant.class, new InstantSerializer());
        wire.addDeserializer(Instant.class, new InstantDeserializer());
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(wire)
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .serializationInclusion(JsonInclude.Include.ALWAYS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
    }

    private static <E extends Enum<E>> void addWireEnum(SimpleModule module, Class<E> type, Function<E, String> name) {
        module.addSerializer(type, new WireEnumSerializer<>(type, name));
        module.addDeserializer(type, new WireEnumDeserializer<>(type, name));
    }

    /** Writes an enum as its wire name. */
    private static final class WireEnumSerializer<E extends Enum<E>> extends StdScalarSerializer<E> {
        private static final long serialVersionUID = 1L;
        private final transient Function<E, String> name;

        WireEnumSerializer(Class<E> type, Function<E, String> name) {
            super(type);
            this.name = name;
        }

        @Override
        public void serialize(E value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(name.apply(value));
        }
    }

    /** Reads an enum from exactly its wire name (a JSON string); anything else fails. */
    private static final class WireEnumDeserializer<E extends Enum<E>> extends StdScalarDeserializer<E> {
        private static final long serialVersionUID = 1L;
        private final Class<E> type;
        private final transient Function<E, String> name;

        WireEnumDeserializer(Class<E> type, Function<E, String> name) {
            super(type);
            this.type = type;
            this.name = name;
        }

        @Override
        public E deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return type.cast(ctxt.handleUnexpectedToken(type, p));
            }
            String text = p.getText();
            List<String> names = new ArrayList<>();
            for (E e : type.getEnumConstants()) {
                if (name.apply(e).equals(text)) {
                    return e;
                }
                names.add(name.apply(e));
            }
            throw ctxt.weirdStringException(text, type, "must be one of " + String.join(", ", names));
        }
    }

    /** Writes an instant as ISO-8601 UTC with milliseconds. */
    private static final class InstantSerializer extends StdScalarSerializer<Instant> {
        private static final long serialVersionUID = 1L;

        InstantSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(INSTANT_FORMAT.format(value));
        }
    }

    /**
     * Reads an instant: the canonical form this class writes ({@code 2026-11-25T19:23:07.123Z}, any number of fraction
     * digits) directly, which is several times faster than a {@code DateTimeFormatter} (the relay reads six of them
     * per event); any other form through jackson-datatype-jsr310's deserializer, with its errors.
     */
    private static final class InstantDeserializer extends StdScalarDeserializer<Instant> {
        private static final long serialVersionUID = 1L;

        InstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                Instant canonical = parseCanonical(p.getText());
                if (canonical != null) {
                    return canonical;
                }
            }
            return com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer.INSTANT.deserialize(p, ctxt);
        }
    }

    /** @return the instant of {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}; null if the text is not exactly that */
    static Instant parseCanonical(String t) {
        int n = t.length();
        if (n < 20 || n > 30 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
                || t.charAt(16) != ':' || t.charAt(n - 1) != 'Z') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 7);
        int day = digits(t, 8, 10);
        int hour = digits(t, 11, 13);
        int minute = digits(t, 14, 16);
        int second = digits(t, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            if (t.charAt(19) != '.' || n == 21) {
                return null;
            }
            int fraction = digits(t, 20, n - 1);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int i = n - 1 - 20; i < 9; i++) {
                nanos *= 10;
            }
        } else if (t.charAt(19) != 'Z') {
            return null;
        }
        if (day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        long days = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400L + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** @return the decimal value of {@code t[from, to)}; -1 if any of it is not a digit */
    private static int digits(String t, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
