package org.integrationhub.shell.support;

import org.apache.karaf.shell.support.table.ShellTable;

/**
 * Small helpers for the tables and lines {@code hub:*} commands print. Stateless and thread-safe.
 *
 * @since 0.2.0
 */
public final class Tables {

    private Tables() {
    }

    /**
     * @param headers the column headers, left to right
     * @return a Karaf table with these plain columns; a column that needs a width or alignment is added after them
     *         with {@code table.column(new Col(header).maxSize(n))}
     */
    public static ShellTable of(String... headers) {
        ShellTable table = new ShellTable();
        for (String header : headers) {
            table.column(header);
        }
        return table;
    }

    /** @param value any value; may be null @return its text, or {@code -} for null */
    public static String orDash(Object value) {
        return value == null ? "-" : value.toString();
    }
}
