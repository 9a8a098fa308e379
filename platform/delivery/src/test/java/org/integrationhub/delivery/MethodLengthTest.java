package org.integrationhub.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Keeps the engine readable: no production method of this module is longer than {@link #MAX_LINES} lines, from its
 * signature to its closing brace (annotations and Javadoc not counted; blank lines and comments inside counted).
 * A method of an anonymous or local class counts as part of the method that holds it.
 */
class MethodLengthTest {

    static final int MAX_LINES = 60;

    private static final Path SOURCES = Path.of("src/main/java");
    /** A method or constructor header right before its body's brace (after comments and literals are blanked). */
    private static final Pattern HEADER = Pattern.compile(
            "(\\w+)\\s*\\([^;{}]*\\)\\s*(?:throws\\s+[\\w.,\\s]+)?$");
    private static final Set<String> NOT_METHODS = Set.of("if", "for", "while", "switch", "catch", "synchronized",
            "try", "return", "new", "else", "do", "super", "this", "throw", "assert");

    /** One method: where it is and how long it is. */
    record Method(String file, String name, int line, int lines) {
        @Override
        public String toString() {
            return lines + " lines: " + file + ":" + line + " " + name;
        }
    }

    @Test
    void noProductionMethodIsLongerThanSixtyLines() {
        List<Method> methods = methods(SOURCES);
        assertThat(methods).as("methods found (the scan works)").hasSizeGreaterThan(100);
        methods.stream().sorted(Comparator.comparingInt(Method::lines).reversed()).limit(5)
                .forEach(m -> System.out.println("longest: " + m));
        assertThat(methods.stream().filter(m -> m.lines() > MAX_LINES).map(Method::toString))
                .as("methods over %d lines", MAX_LINES).isEmpty();
    }

    @Test
    void theScanMeasuresAMethodFromItsSignatureToItsClosingBrace() {
        String source = String.join("\n", "class A {", "    /** doc { */", "    @Override", "    public int f(int a)",
                "            throws java.io.IOException {", "        String s = \"}\";", "        if (a > 0) {",
                "            return 1;", "        }", "        Runnable r = new Runnable() {",
                "            public void run() { }", "        };", "        return '}';", "    }", "}");
        assertThat(measure("A.java", source)).containsExactly(new Method("A.java", "f", 4, 11));
    }

    static List<Method> methods(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            List<Method> all = new ArrayList<>();
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                all.addAll(measure(root.relativize(f).toString(), Files.readString(f)));
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Method> measure(String file, String source) {
        String code = blank(source);
        List<Method> found = new ArrayList<>();
        Deque<Integer> openMethods = new ArrayDeque<>(); // depth at which each open method's body began
        Deque<Object[]> starts = new ArrayDeque<>();
        int depth = 0;
        int headerFrom = 0; // just after the last ';', '{' or '}'
        for (int i = 0; i < code.length(); i++) {
            char ch = code.charAt(i);
            if (ch == '{') {
                String header = code.substring(headerFrom, i).strip();
                Matcher m = HEADER.matcher(header);
                if (openMethods.isEmpty() && m.find() && !NOT_METHODS.contains(m.group(1))
                        && isMethod(header, m)) {
                    int from = headerFrom + code.substring(headerFrom, i).indexOf(signatureStart(header));
                    openMethods.push(depth);
                    starts.push(new Object[] {m.group(1), lineOf(code, from)});
                }
                depth++;
                headerFrom = i + 1;
            } else if (ch == '}') {
                depth--;
                if (!openMethods.isEmpty() && openMethods.peek() == depth) {
                    openMethods.pop();
                    Object[] start = starts.pop();
                    int line = (Integer) start[1];
                    found.add(new Method(file, (String) start[0], line, lineOf(code, i) - line + 1));
                }
                headerFrom = i + 1;
            } else if (ch == ';') {
                headerFrom = i + 1;
            }
        }
        return found;
    }

    /** @return whether the header is a method's or a constructor's (not an anonymous class, a record or a lambda) */
    private static boolean isMethod(String header, Matcher m) {
        String before = header.substring(0, m.start(1));
        return !before.strip().endsWith("new") && !before.matches("(?s).*\\brecord\\s*$") && !header.contains("->");
    }

    /** @return the header without its leading annotations (its first line that is not an annotation) */
    private static String signatureStart(String header) {
        for (String line : header.split("\n")) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("@")) {
                return l;
            }
        }
        return header;
    }

    private static int lineOf(String code, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (code.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** @return the source with comments and string, text-block and char literals replaced by spaces (lines kept) */
    static String blank(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            int end;
            if (s.startsWith("//", i)) {
                end = s.indexOf('\n', i);
                end = end < 0 ? s.length() : end;
            } else if (s.startsWith("/*", i)) {
                end = s.indexOf("*/", i + 2);
                end = end < 0 ? s.length() : end + 2;
            } else if (s.startsWith("\"\"\"", i)) {
                end = s.indexOf("\"\"\"", i + 3);
                end = end < 0 ? s.length() : end + 3;
            } else if (s.charAt(i) == '"' || s.charAt(i) == '\'') {
                end = literalEnd(s, i);
            } else {
                out.append(s.charAt(i++));
                continue;
            }
            for (int k = i; k < end; k++) {
                out.append(s.charAt(k) == '\n' ? '\n' : ' ');
            }
            i = end;
        }
        return out.toString();
    }

    private static int literalEnd(String s, int start) {
        char quote = s.charAt(start);
        int i = start + 1;
        while (i < s.length() && s.charAt(i) != quote && s.charAt(i) != '\n') {
            i += s.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(s.length(), i + 1);
    }
}
