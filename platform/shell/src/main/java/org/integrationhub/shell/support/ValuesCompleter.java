package org.integrationhub.shell.support;

import java.util.Collection;
import java.util.List;

import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A completer that offers a list of words read when the user presses tab: ids, names, enum values. A subclass
 * (annotated {@code @Service}, with its {@code @Reference} fields) only says which words; matching the word being
 * typed is Karaf's {@link StringsCompleter}'s (case-sensitive, sorted).
 *
 * <p>Called on the console's thread; {@link #values()} should be quick (one page of a listing at most).
 *
 * @since 0.2.0
 */
@ConsumerType
public abstract class ValuesCompleter implements Completer {

    /** @return the words to offer now; never null, may be empty */
    protected abstract Collection<String> values();

    @Override
    public final int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(values()).complete(session, commandLine, candidates);
    }
}
