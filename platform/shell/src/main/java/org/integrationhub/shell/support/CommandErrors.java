package org.integrationhub.shell.support;

import java.util.stream.Collectors;

import org.apache.karaf.shell.support.CommandException;
import org.integrationhub.api.HubException;
import org.integrationhub.api.ValidationException;

/**
 * How every {@code hub:*} command refuses: one clear line on the console, never a stack trace.
 *
 * <p>A command runs its body through {@link #run(Body)}. Expected failures — the services'
 * {@link HubException}s ({@link ValidationException}, {@code NotFoundException}, {@code ConflictException}) and
 * the {@link IllegalArgumentException}s commands throw for bad input — become a Karaf {@link CommandException}
 * carrying one line. Karaf prints it as {@code Error executing command: <line>}, like any failure, but logs it at
 * debug level only, whereas any other exception is logged at error level with its stack trace. Anything else
 * (a bug) passes through unchanged.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.2.0
 */
public final class CommandErrors {

    private CommandErrors() {
    }

    /** A command's body: what it prints, or the exception that refuses it. */
    @FunctionalInterface
    public interface Body {
        /** @throws Exception to refuse; see {@link CommandErrors#run(Body)} for how it is shown */
        void run() throws Exception;
    }

    /**
     * Runs a command's body.
     *
     * @param body what the command does
     * @return null, what Karaf prints nothing for
     * @throws CommandException one line for an expected refusal: {@link #describe(ValidationException)} for a
     *         validation failure, the message of any other {@link HubException} or {@link IllegalArgumentException}
     * @throws Exception anything else the body throws, unchanged
     */
    public static Object run(Body body) throws Exception {
        try {
            body.run();
            return null;
        } catch (ValidationException e) {
            throw new CommandException(describe(e));
        } catch (HubException | IllegalArgumentException e) {
            throw new CommandException(e.getMessage());
        }
    }

    /**
     * @param e a validation failure
     * @return every invalid field as {@code field: message}, joined with {@code "; "}
     */
    public static String describe(ValidationException e) {
        return e.errors().stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
    }

    /**
     * The one wording of "this does not exist" for commands that look something up.
     *
     * @param what what was looked for, e.g. {@code "ticket with id 01J…"}
     * @param listCommand the command that lists what exists, e.g. {@code "hub:ticket-list"}; may be null
     * @return the refusal to throw: {@code no ticket with id 01J… (see hub:ticket-list)}
     */
    public static IllegalArgumentException notFound(String what, String listCommand) {
        return new IllegalArgumentException("no " + what + (listCommand == null ? "" : " (see " + listCommand + ")"));
    }
}
