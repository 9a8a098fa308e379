package org.integrationhub.gateway.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a configuration file as fileinstall reads it ({@code .cfg}: properties format, ISO-8859-1 with
 * {@code \\uXXXX} escapes), keys sorted, readable by its owner only (it may hold secrets), in one atomic step.
 */
final class ConfigFiles {

    private ConfigFiles() {
    }

    static void write(Path file, Map<String, String> values, String comment) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(escape(comment, false)).append('\n');
        for (Map.Entry<String, String> e : new TreeMap<>(values).entrySet()) {
            out.append(escape(e.getKey(), true)).append(" = ").append(escape(e.getValue(), false)).append('\n');
        }
        Path staging = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(staging, out, StandardCharsets.ISO_8859_1);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rw-------"));
        }
        Files.move(staging, file, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Escapes per java.util.Properties: backslash, line breaks, separators in keys, a value's leading blank. */
    static String escape(String text, boolean key) {
        StringBuilder b = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\f' -> b.append("\\f");
                case ' ' -> b.append(key || i == 0 ? "\\ " : " ");
                case '=', ':', '#', '!' -> b.append(key || i == 0 ? "\\" + c : String.valueOf(c));
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
