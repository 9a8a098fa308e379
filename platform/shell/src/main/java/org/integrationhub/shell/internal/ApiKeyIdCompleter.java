package org.integrationhub.shell.internal;

import java.util.Collection;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.integrationhub.security.ApiKeyInfo;
import org.integrationhub.security.ApiKeyService;
import org.integrationhub.shell.support.ValuesCompleter;

/** Completes the ids of active API keys. */
@Service
public class ApiKeyIdCompleter extends ValuesCompleter {

    @Reference
    ApiKeyService apiKeys;

    @Override
    protected Collection<String> values() {
        return apiKeys.list().stream().filter(key -> !key.isRevoked()).map(ApiKeyInfo::id).toList();
    }
}
