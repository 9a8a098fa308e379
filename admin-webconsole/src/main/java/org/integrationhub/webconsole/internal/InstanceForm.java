package org.integrationhub.webconsole.internal;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.servlet.http.HttpServletRequest;

import org.integrationhub.api.ValidationException;
import org.integrationhub.gateway.ConfigurationKey;
import org.integrationhub.gateway.ConnectorType;
import org.integrationhub.gateway.InstanceConfiguration;
import org.integrationhub.gateway.IntegrationConfigurations;

/**
 * The Integrations page's instance forms, rendered from a connector type's metatype keys: add (choose a type, then
 * its form, prefilled with the defaults) and edit (prefilled with the instance's values). Secrets are password
 * fields that are never prefilled and keep their stored value when left empty.
 */
final class InstanceForm {

    /** Prefix of the request parameters carrying configuration keys. */
    static final String KEY_PREFIX = "cfg.";
    private static final String NAME_KEY = "integration.name";

    private InstanceForm() {
    }

    /** Renders the add section: the type chooser, and the chosen type's form. */
    static void renderAdd(Page page, IntegrationConfigurations configurations, String chosen) {
        page.heading(page.msg("integrations.add"));
        List<ConnectorType> types = configurations.types();
        if (types.isEmpty()) {
            page.paragraph(page.msg("integrations.noTypes"));
            return;
        }
        Map<String, String> options = new LinkedHashMap<>();
        types.forEach(t -> options.put(t.type(), t.type() + " \u2014 " + t.name()));
        page.chooser("type", page.msg("integrations.type"), options, chosen, page.msg("integrations.choose"));
        ConnectorType type = chosen == null ? null : configurations.type(chosen).orElse(null);
        if (type == null) {
            if (chosen != null) {
                page.notice("error", page.msg("integrations.unknownType", chosen));
            }
            return;
        }
        page.paragraph(type.description() == null ? type.type() : type.type() + ": " + type.description());
        List<Page.Field> fields = new ArrayList<>();
        fields.add(new Page.Field("name", page.msg("integrations.instanceName"), page.msg("integrations.instanceName.help"),
                "text", "", Map.of(), true));
        for (ConfigurationKey k : type.keys()) {
            if (!k.id().equals(NAME_KEY)) {
                fields.add(field(page, k, String.join(", ", k.defaults()), false));
            }
        }
        page.form("create", page.msg("integrations.create"), Map.of("type", type.type()), fields);
    }

    /** Renders the edit form of one instance, or says why it cannot be edited here. */
    static void renderEdit(Page page, IntegrationConfigurations configurations, String name) {
        page.heading(page.msg("integrations.edit", name));
        InstanceConfiguration instance = configurations.instance(name).orElse(null);
        if (instance == null) {
            page.notice("error", page.msg("integrations.unknownInstance", name));
            return;
        }
        ConnectorType type = configurations.type(instance.type()).orElse(null);
        if (type == null) {
            page.notice("error", page.msg("integrations.typeNotInstalled", instance.factoryPid()));
            return;
        }
        List<Page.Field> fields = new ArrayList<>();
        fields.add(new Page.Field("name", page.msg("integrations.instanceName"), null, "readonly", name, Map.of(), false));
        for (ConfigurationKey k : type.keys()) {
            if (k.id().equals(NAME_KEY)) {
                continue;
            }
            String value = k.secret() ? (instance.secretsSet().contains(k.id()) ? page.msg("integrations.secretSet") : "")
                    : instance.config().getOrDefault(k.id(), String.join(", ", k.defaults()));
            fields.add(field(page, k, value, true));
        }
        page.form("update", page.msg("integrations.save"), Map.of("name", name), fields);
    }

    private static Page.Field field(Page page, ConfigurationKey k, String value, boolean editing) {
        String label = (k.name() == null || k.name().isBlank() ? k.id() : k.name()) + " (" + k.id() + ")";
        String help = k.description() == null ? "" : k.description();
        if (k.secret()) {
            help = (help + " " + page.msg(editing ? "integrations.secret.keep" : "integrations.secret.help")).trim();
            return new Page.Field(KEY_PREFIX + k.id(), label, help, "password", value, Map.of(), k.required());
        }
        if (k.multiple()) {
            help = (help + " " + page.msg("integrations.multiple")).trim();
        }
        if (!k.options().isEmpty() || k.type().equals("boolean")) {
            Map<String, String> options = new LinkedHashMap<>();
            if (!k.required()) {
                options.put("", page.msg("integrations.default"));
            }
            if (k.options().isEmpty()) {
                options.put("true", "true");
                options.put("false", "false");
            } else {
                options.putAll(k.options());
            }
            return new Page.Field(KEY_PREFIX + k.id(), label, help, "select", value, options, k.required());
        }
        return new Page.Field(KEY_PREFIX + k.id(), label, help, "text", value, Map.of(), k.required());
    }

    /** @return the configuration keys the form posted, by key */
    static Map<String, String> values(HttpServletRequest request) {
        Map<String, String> out = new TreeMap<>();
        for (Enumeration<String> names = request.getParameterNames(); names.hasMoreElements();) {
            String n = names.nextElement();
            if (n.startsWith(KEY_PREFIX) && n.length() > KEY_PREFIX.length()) {
                out.put(n.substring(KEY_PREFIX.length()), request.getParameter(n));
            }
        }
        return out;
    }

    /** @return every invalid field of a refusal in one sentence, for the page's error notice */
    static String describe(ValidationException e) {
        return e.errors().stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
    }
}
