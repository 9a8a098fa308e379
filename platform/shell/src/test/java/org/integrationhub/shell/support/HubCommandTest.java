package org.integrationhub.shell.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.karaf.shell.support.CommandException;
import org.integrationhub.api.ValidationException;
import org.junit.jupiter.api.Test;

class HubCommandTest {

    @Test
    void runsAndRefusesInOneLine() throws Exception {
        StringBuilder done = new StringBuilder();
        HubCommand ok = new HubCommand() {
            @Override
            protected void run() {
                done.append("ran");
            }
        };
        assertThat(ok.execute()).isNull();
        assertThat(done).hasToString("ran");

        HubCommand refused = new HubCommand() {
            @Override
            protected void run() {
                throw new ValidationException("limit", "must be a number between 1 and 500, not 'x'");
            }
        };
        assertThatThrownBy(refused::execute).isExactlyInstanceOf(CommandException.class)
                .hasMessage("limit: must be a number between 1 and 500, not 'x'");
    }
}
