package org.integrationhub.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.github.f4b6a3.ulid.Ulid;

import org.junit.jupiter.api.Test;

/** The kit's ULIDs against ulid-creator, the library the core makes and checks its ids with. */
class UlidsTest {

    /** The core's rule (platform/core Ids.isValid), written with the library as the core does. */
    private static boolean coreIsValid(String id) {
        return id != null && id.length() == 26 && Ulid.isValid(id) && id.equals(id.toUpperCase(Locale.ROOT));
    }

    @Test
    void idsAreCanonicalUlidsOfTheClocksMillisecond() {
        Instant at = Instant.parse("2026-12-05T10:15:30.123Z");
        Ulids ids = new Ulids(Clock.fixed(at, ZoneOffset.UTC));
        String id = ids.next();
        assertThat(coreIsValid(id)).isTrue();
        assertThat(Ulids.isValid(id)).isTrue();
        assertThat(Ulid.from(id).getInstant()).isEqualTo(at);
        assertThat(Ulid.from(id).toString()).isEqualTo(id);
    }

    @Test
    void idsOfOneMillisecondIncreaseByOne() {
        Ulids ids = new Ulids(Clock.fixed(Instant.parse("2026-12-05T10:15:30Z"), ZoneOffset.UTC));
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            made.add(ids.next());
        }
        assertThat(made).isSorted().doesNotHaveDuplicates();
        assertThat(Ulid.from(made.get(1))).isEqualTo(Ulid.from(made.get(0)).increment());
    }

    @Test
    void aClockGoingBackDoesNotBreakTheOrder() {
        Instant[] now = {Instant.parse("2026-12-05T10:15:30Z")};
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        Ulids ids = new Ulids(clock);
        String first = ids.next();
        now[0] = now[0].minusSeconds(1);
        String second = ids.next();
        now[0] = now[0].plusSeconds(5);
        String third = ids.next();
        assertThat(List.of(first, second, third)).isSorted();
    }

    @Test
    void validityIsTheCoresRule() {
        String good = new Ulids(Clock.systemUTC()).next();
        List<String> samples = List.of(good, good.toLowerCase(Locale.ROOT), good.substring(1), good + "0",
                "01ARZ3NDEKTSV4RRFFQ69G5FAV", "81ARZ3NDEKTSV4RRFFQ69G5FAV", "7ZZZZZZZZZZZZZZZZZZZZZZZZZ",
                "01ARZ3NDEKTSV4RRFFQ69G5FAI", "01ARZ3NDEKTSV4RRFFQ69G5FAL", "01ARZ3NDEKTSV4RRFFQ69G5FAO",
                "01ARZ3NDEKTSV4RRFFQ69G5FAU", "01ARZ3NDEKTSV4RRFFQ69G5FA-", "01ARZ3NDEKTSV4RRFFQ69G5FA ",
                "", "not-a-ticket");
        for (String s : samples) {
            assertThat(Ulids.isValid(s)).as(s).isEqualTo(coreIsValid(s));
        }
        assertThat(Ulids.isValid(null)).isFalse();
    }
}
