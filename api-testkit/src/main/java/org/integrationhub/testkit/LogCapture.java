package org.integrationhub.testkit;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what a connector logs during a test, without a logging dependency: every {@code java.util.logging}
 * record at every level (so also {@code System.Logger}, which the JDK routes there), and everything written to
 * {@code System.out} and {@code System.err} — where SLF4J's simple binding ({@code slf4j-simple}, the test binding
 * of this project) writes. Output still reaches the console. Limits: lines a logging backend suppresses (below
 * slf4j-simple's level, {@code info} unless {@code org.slf4j.simpleLogger.defaultLogLevel} says otherwise in
 * {@code src/test/resources/simplelogger.properties}) or sends elsewhere (a file, slf4j-nop) are not seen.
 * Not for parallel tests: it swaps the JVM's standard streams while open.
 *
 * @since 0.2.0
 */
public final class LogCapture implements AutoCloseable {

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final Logger root = Logger.getLogger("");
    private final Level originalLevel = root.getLevel();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringBuilder line = new StringBuilder(record.getLevel() + " " + record.getLoggerName() + ": ");
            String message = record.getMessage();
            Object[] params = record.getParameters();
            if (message != null && params != null && params.length > 0) {
                try {
                    message = java.text.MessageFormat.format(message, params);
                } catch (IllegalArgumentException e) {
                    message = message + " " + java.util.Arrays.toString(params);
                }
            }
            line.append(message);
            if (record.getThrown() != null) {
                line.append(' ').append(record.getThrown());
            }
            write(line.append('\n').toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private boolean closed;

    private LogCapture() {
        System.setOut(new PrintStream(new Tee(originalOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(originalErr), true, StandardCharsets.UTF_8));
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        root.setLevel(Level.ALL);
    }

    /** @return a capture that runs until {@link #close()} */
    public static LogCapture start() {
        return new LogCapture();
    }

    /** @return everything captured so far */
    public String text() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    private void write(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        synchronized (captured) {
            captured.write(bytes, 0, bytes.length);
        }
    }

    /** Restores the standard streams and the JUL configuration. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        System.out.flush();
        System.err.flush();
        System.setOut(originalOut);
        System.setErr(originalErr);
        root.removeHandler(handler);
        root.setLevel(originalLevel);
    }

    /** Writes through to the original stream and into the capture. */
    private final class Tee extends OutputStream {
        private final PrintStream original;

        Tee(PrintStream original) {
            this.original = original;
        }

        @Override
        public void write(int b) {
            original.write(b);
            synchronized (captured) {
                captured.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            original.write(b, off, len);
            synchronized (captured) {
                captured.write(b, off, len);
            }
        }

        @Override
        public void flush() {
            original.flush();
        }
    }
}
