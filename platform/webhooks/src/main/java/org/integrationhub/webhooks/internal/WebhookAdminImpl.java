package org.integrationhub.webhooks.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.integrationhub.webhooks.CreatedWebhook;
import org.integrationhub.webhooks.WebhookAdmin;
import org.integrationhub.webhooks.WebhookEndpointInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link WebhookAdmin} over the {@link WebhookRegistry}: the endpoints, a secret only when made. */
@Component(service = WebhookAdmin.class)
public class WebhookAdminImpl implements WebhookAdmin {

    private final WebhookRegistry registry;

    @Activate
    public WebhookAdminImpl(@Reference WebhookRegistry registry) {
        this.registry = registry;
    }

    @Override
    public List<WebhookEndpointInfo> list() {
        return registry.list().stream().map(WebhookAdminImpl::info).toList();
    }

    @Override
    public Optional<WebhookEndpointInfo> get(String id) {
        return id == null ? Optional.empty() : registry.find(id).map(WebhookAdminImpl::info);
    }

    @Override
    public WebhookEndpointInfo setDisabled(String id, boolean disabled) {
        return info(registry.update(id, new WebhookInput(null, null, null, null, null, null, null, null, disabled)));
    }

    @Override
    public CreatedWebhook create(String url, Set<String> events, String description) {
        List<String> types = events == null || events.isEmpty() ? List.of("*") : List.copyOf(events);
        String text = description == null || description.isBlank() ? null : description.trim();
        WebhookRegistry.Created c = registry.create(new WebhookInput(url, types, text, null, null, null, null, null,
                null));
        return new CreatedWebhook(info(c.endpoint()), c.secret());
    }

    @Override
    public CreatedWebhook rotateSecret(String id) {
        WebhookRegistry.Created c = registry.rotate(id);
        return new CreatedWebhook(info(c.endpoint()), c.secret());
    }

    static WebhookEndpointInfo info(Endpoint e) {
        return new WebhookEndpointInfo(e.id(), e.url(), e.description(), e.events(), e.disabled(), e.disabledReason(),
                e.failingSince(), e.previousSecret() == null ? null : e.previousSecretUntil(), e.createdAt(),
                e.updatedAt());
    }
}
