package org.integrationhub.shell.internal;

import java.util.Collection;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.integrationhub.security.Scopes;
import org.integrationhub.shell.support.ValuesCompleter;

/** Completes scope names. */
@Service
public class ScopeCompleter extends ValuesCompleter {

    @Override
    protected Collection<String> values() {
        return Scopes.ALL;
    }
}
