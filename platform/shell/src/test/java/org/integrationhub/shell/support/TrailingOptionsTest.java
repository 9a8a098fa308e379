package org.integrationhub.shell.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.integrationhub.api.ValidationException;
import org.junit.jupiter.api.Test;

class TrailingOptionsTest {

    private static final List<String> SCOPE = List.of("--scope", "-s");
    private static final List<String> LIMIT = List.of("--rate-limit", "-r");

    @Test
    void readsRepeatedAndEqualsForms() {
        TrailingOptions o = TrailingOptions.parse(List.of("--scope", "tickets:read", "-s", "admin", "--rate-limit=unlimited"), SCOPE, LIMIT);
        assertThat(o.values("--scope")).containsExactly("tickets:read", "admin");
        assertThat(o.values("--rate-limit")).containsExactly("unlimited");
        assertThat(o.values("--unknown")).isEmpty();
    }

    @Test
    void refusesUnknownWordsAndMissingValues() {
        assertThatThrownBy(() -> TrailingOptions.parse(List.of("extra"), SCOPE, LIMIT)).isInstanceOf(ValidationException.class)
                .hasMessage("arguments: unexpected 'extra'");
        assertThatThrownBy(() -> TrailingOptions.parse(List.of("--scope"), SCOPE, LIMIT)).isInstanceOf(ValidationException.class)
                .hasMessage("--scope: needs a value");
        assertThatThrownBy(() -> TrailingOptions.parser().flag("--public").parse(List.of("--public=true")))
                .isInstanceOf(ValidationException.class).hasMessage("arguments: unexpected '--public=true'");
    }

    @Test
    void mergesWithWhatKarafParsed() {
        TrailingOptions o = TrailingOptions.parser().option("--scope", "-s").option("--rate-limit", "-r")
                .parse(List.of("-s", "admin", "-r", "5", "--rate-limit", "7"));
        assertThat(o.merge("--scope", List.of("tickets:read"))).containsExactly("tickets:read", "admin");
        assertThat(o.merge("--scope", null)).containsExactly("admin");
        assertThat(o.last("--rate-limit", "60")).as("the value written last wins").isEqualTo("7");

        TrailingOptions none = TrailingOptions.parser().option("--scope", "-s").option("--rate-limit", "-r").parse(null);
        assertThat(none.merge("--scope", List.of("tickets:read"))).containsExactly("tickets:read");
        assertThat(none.merge("--scope", null)).isEmpty();
        assertThat(none.last("--rate-limit", "60")).isEqualTo("60");
        assertThat(none.last("--rate-limit", null)).isNull();
    }

    @Test
    void flagsTakeNoValueAndMayStandAnywhere() {
        TrailingOptions.Parser parser = TrailingOptions.parser().option("--grant", "-g").flag("--public", "-p");
        TrailingOptions o = parser.parse(List.of("-p", "--grant", "authorization_code"));
        assertThat(o.flag("--public", false)).isTrue();
        assertThat(o.values("--grant")).containsExactly("authorization_code");

        TrailingOptions without = parser.parse(List.of("--grant", "--public"));
        assertThat(without.values("--grant")).as("an option's value is taken as written").containsExactly("--public");
        assertThat(without.flag("--public", false)).isFalse();
        assertThat(without.flag("--public", true)).as("parsed by Karaf before the arguments").isTrue();
    }
}
