package org.integrationhub.shell.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.karaf.shell.support.CommandException;
import org.integrationhub.api.ConflictException;
import org.integrationhub.api.NotFoundException;
import org.integrationhub.api.ValidationException;
import org.integrationhub.api.ValidationException.FieldError;
import org.junit.jupiter.api.Test;

class CommandErrorsTest {

    @Test
    void runsTheBodyAndReturnsNull() throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        assertThat(CommandErrors.run(() -> ran.set(true))).isNull();
        assertThat(ran).isTrue();
    }

    @Test
    void aValidationFailureNamesEveryFieldOnOneLine() {
        ValidationException invalid = new ValidationException(List.of(new FieldError("url", "is required"),
                new FieldError("rate-limit", "must be a number")));
        assertThat(CommandErrors.describe(invalid)).isEqualTo("url: is required; rate-limit: must be a number");
        assertThatThrownBy(() -> CommandErrors.run(() -> {
            throw invalid;
        })).isExactlyInstanceOf(CommandException.class).hasMessage("url: is required; rate-limit: must be a number")
                .hasNoCause();
    }

    @Test
    void otherExpectedRefusalsKeepTheirMessage() {
        assertThatThrownBy(() -> CommandErrors.run(() -> {
            throw new NotFoundException("no ticket with id 01X");
        })).isExactlyInstanceOf(CommandException.class).hasMessage("no ticket with id 01X").hasNoCause();
        assertThatThrownBy(() -> CommandErrors.run(() -> {
            throw new ConflictException("an integration named 'a' exists already");
        })).isExactlyInstanceOf(CommandException.class).hasMessage("an integration named 'a' exists already");
        assertThatThrownBy(() -> CommandErrors.run(() -> {
            throw new IllegalArgumentException("unknown status 'x'");
        })).isExactlyInstanceOf(CommandException.class).hasMessage("unknown status 'x'");
    }

    @Test
    void anythingElsePassesThroughUnchanged() {
        IOException io = new IOException("disk full");
        assertThatThrownBy(() -> CommandErrors.run(() -> {
            throw io;
        })).isSameAs(io);
        IllegalStateException bug = new IllegalStateException("bug");
        assertThatThrownBy(() -> CommandErrors.run(() -> {
            throw bug;
        })).isSameAs(bug);
    }

    @Test
    void notFoundHasOneWording() {
        assertThat(CommandErrors.notFound("webhook with id wh_1", "hub:webhook-list"))
                .hasMessage("no webhook with id wh_1 (see hub:webhook-list)");
        assertThat(CommandErrors.notFound("integration named 'x'", null)).hasMessage("no integration named 'x'");
    }
}
