package org.integrationhub.core.json;

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
 * <p>Shapes: Ticket {@code {id, subject, description, priority, status, assignee, customer:{id, email, name,
 * external_ids, created_at}, created_at, updated_at, sla_due_at, resolved_at}}; Comment {@code {id, ticket_id,
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
            "assignee", "sla_due_at", "resolved_at");

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
     * The outbox sequence is not part of the JSON.
     *
     * @param event the event
     * @return its JSON
     */
    public static String eventJson(HubEvent event) {
        boolean update = carriesChangedFields(event.type());
        EventEnvelope.Data data = new EventEnvelope.Data(event.ticket(), event.comment(), event.rating(),
                update ? orderedFields(event.changedFields()) : null);
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
                    d.changedFields() == null ? Set.of() : Set.copyOf(d.changedFields()));
        } catch (IOException | NullPointerException e) {
            throw new IllegalArgumentException("malformed event JSON: " + e.getMessage(), e);
        }
    }

    /**
     * @param type an event type
     * @return whether its {@code data} carries {@code changed_fields}
     */
    static boolean carriesChangedFields(EventType type) {
        return type == EventType.TICKET_UPDATED || type == EventType.TICKET_RESOLVED || type == EventType.TICKET_CLOSED;
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
}
