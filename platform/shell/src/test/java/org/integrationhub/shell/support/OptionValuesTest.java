package org.integrationhub.shell.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;

import org.integrationhub.api.ValidationException;
import org.junit.jupiter.api.Test;

class OptionValuesTest {

    private enum Status { PENDING, DELIVERED, FAILED }

    private enum Only { ONE }

    @Test
    void numbersWithinTheRange() {
        assertThat(OptionValues.number("limit", null, 1, 500, 20)).isEqualTo(20);
        assertThat(OptionValues.number("limit", " 1 ", 1, 500, 20)).isEqualTo(1);
        assertThat(OptionValues.number("limit", "500", 1, 500, 20)).isEqualTo(500);
        for (String bad : new String[] {"0", "501", "-3", "ten", "", "2.5"}) {
            assertThatThrownBy(() -> OptionValues.number("limit", bad, 1, 500, 20))
                    .isInstanceOf(ValidationException.class)
                    .hasMessage("limit: must be a number between 1 and 500, not '" + bad + "'");
        }
    }

    @Test
    void enumConstantsInAnyCase() {
        assertThat(OptionValues.oneOf("status", null, Status.class)).isNull();
        assertThat(OptionValues.oneOf("status", "failed", Status.class)).isEqualTo(Status.FAILED);
        assertThat(OptionValues.oneOf("status", " Pending ", Status.class)).isEqualTo(Status.PENDING);
        assertThatThrownBy(() -> OptionValues.oneOf("status", "done", Status.class))
                .isInstanceOf(ValidationException.class)
                .hasMessage("status: must be pending, delivered or failed, not 'done'");
        assertThatThrownBy(() -> OptionValues.oneOf("only", "two", Only.class)).hasMessage("only: must be one, not 'two'");
        assertThat(OptionValues.oneOf("unit", "seconds", TimeUnit.class)).isEqualTo(TimeUnit.SECONDS);
    }
}
