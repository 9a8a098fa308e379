package org.integrationhub.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.integrationhub.api.Priority;
import org.junit.jupiter.api.Test;

/** Pins the configuration PID, keys (DS maps {@code sla_urgent_hours} to {@code sla.urgent.hours}) and defaults. */
class ConfigTest {

    @Test
    void keysAndDefaults() {
        Map<String, Object> defaults = new TreeMap<>();
        for (Method m : TicketServiceImpl.Config.class.getDeclaredMethods()) {
            defaults.put(m.getName().replace('_', '.'), m.getDefaultValue());
        }
        assertThat(defaults).isEqualTo(Map.of("sla.urgent.hours", 4, "sla.high.hours", 8, "sla.normal.hours", 24,
                "sla.low.hours", 72, "ticketUrlTemplate", "http://127.0.0.1:8181/api/v1/tickets/{id}",
                "publicBaseUrl", "http://127.0.0.1:8181"));
        // the DS and metatype annotations are CLASS-retained: the PID "org.integrationhub.core" and the attribute
        // names/descriptions are checked in the generated OSGI-INF descriptors by the bundle build, not here
        SlaPolicy sla = new SlaPolicy(TestConfig.defaults());
        assertThat(sla.window(Priority.URGENT)).isEqualTo(Duration.ofHours(4));
        assertThat(sla.window(Priority.HIGH)).isEqualTo(Duration.ofHours(8));
        assertThat(sla.window(Priority.NORMAL)).isEqualTo(Duration.ofHours(24));
        assertThat(sla.window(Priority.LOW)).isEqualTo(Duration.ofHours(72));
    }

    @Test
    void rejectsNonPositiveHours() {
        assertThatThrownBy(() -> new SlaPolicy(new TestConfig(4, 0, 24, 72)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("sla.high.hours must be at least 1, was 0");
    }
}
