package org.integrationhub.rest.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.integrationhub.api.TicketStatus;
import org.integrationhub.api.ValidationException.FieldError;
import org.junit.jupiter.api.Test;

/** The list parameters every /api/v1 list reads the same way. */
class PageParametersTest {

    @Test
    void aChoiceIsAnyCaseOfAConstantAndAnythingElseNamesTheAllowedValues() {
        List<FieldError> errors = new ArrayList<>();
        assertThat(PageParameters.choice("status", null, TicketStatus.class, errors)).isNull();
        assertThat(PageParameters.choice("status", "Resolved", TicketStatus.class, errors))
                .isEqualTo(TicketStatus.RESOLVED);
        assertThat(errors).isEmpty();

        assertThat(PageParameters.choice("status", "lost", TicketStatus.class, errors)).isNull();
        assertThat(errors).containsExactly(new FieldError("status", "must be open, pending, resolved or closed"));
    }

    @Test
    void limitAndCursorCollectTheirErrors() {
        List<FieldError> errors = new ArrayList<>();
        assertThat(PageParameters.limit(null, 20, 500, errors)).isEqualTo(20);
        assertThat(PageParameters.limit("501", 20, 500, errors)).isEqualTo(20);
        assertThat(PageParameters.cursor("", errors)).isEmpty();
        assertThat(errors).extracting(FieldError::field).containsExactly("limit", "cursor");
    }
}
