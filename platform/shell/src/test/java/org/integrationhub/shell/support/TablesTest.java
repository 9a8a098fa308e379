package org.integrationhub.shell.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.apache.karaf.shell.support.table.ShellTable;
import org.junit.jupiter.api.Test;

class TablesTest {

    @Test
    void aTableWithTheseColumnsInOrder() {
        ShellTable table = Tables.of("ID", "Name", "State");
        table.addRow().addContent("1", "first", "active");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        table.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\\R");
        assertThat(lines[0]).matches("ID\\s*[|│]\\s*Name\\s*[|│]\\s*State\\s*");
        assertThat(lines[2]).matches("1\\s*[|│]\\s*first\\s*[|│]\\s*active\\s*");
    }

    @Test
    void nullIsADash() {
        assertThat(Tables.orDash(null)).isEqualTo("-");
        assertThat(Tables.orDash(42)).isEqualTo("42");
    }
}
