package org.integrationhub.shell.support;

import org.apache.karaf.shell.api.action.Action;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Base of a {@code hub:*} command: the subclass (annotated {@code @Service @Command}, with its {@code @Reference},
 * {@code @Argument} and {@code @Option} fields, which Karaf also reads from superclasses) prints in {@link #run()},
 * and refuses by throwing; {@link #execute()} turns expected refusals into one console line through
 * {@link CommandErrors#run(CommandErrors.Body)}.
 *
 * <p>A base class for a family of commands on one kind of object (its id argument, its lookup) extends this one.
 * One instance serves one execution, on the console's thread.
 *
 * @since 0.2.0
 */
@ConsumerType
public abstract class HubCommand implements Action {

    /** Runs {@link #run()}; see {@link CommandErrors#run(CommandErrors.Body)} for what a refusal prints. */
    @Override
    public final Object execute() throws Exception {
        return CommandErrors.run(this::run);
    }

    /**
     * Does the command's work and prints its result.
     *
     * @throws Exception a {@code HubException} or {@link IllegalArgumentException} to refuse in one line
     */
    protected abstract void run() throws Exception;
}
