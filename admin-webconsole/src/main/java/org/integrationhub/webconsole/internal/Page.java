package org.integrationhub.webconsole.internal;

import java.util.List;
import java.util.Map;

/**
 * Builds one page's HTML. Every piece of text goes through {@link Html#escape}; markup comes only from this class,
 * so data can never become markup. Action forms carry the CSRF token and post to the plugin's root.
 */
final class Page {

    private final StringBuilder out = new StringBuilder(4096);
    private final Messages messages;
    private final String pluginRoot;
    private final String csrfToken;

    Page(Messages messages, String pluginRoot, String csrfToken) {
        this.messages = messages;
        this.pluginRoot = pluginRoot;
        this.csrfToken = csrfToken;
    }

    Messages messages() {
        return messages;
    }

    /** @return the localized string of a key from OSGI-INF/l10n/bundle.properties, formatted with the arguments */
    String msg(String key, Object... args) {
        return messages.get(key, args);
    }

    Page heading(String text) {
        out.append("<h2 class=\"hub-heading\">").append(Html.escape(text)).append("</h2>\n");
        return this;
    }

    Page paragraph(String text) {
        out.append("<p class=\"statline\">").append(Html.escape(text)).append("</p>\n");
        return this;
    }

    /** A code sample, e.g. a shell command the page points to. */
    Page code(String text) {
        out.append("<pre class=\"hub-code\">").append(Html.escape(text)).append("</pre>\n");
        return this;
    }

    /** A notice box; {@code kind} is {@code info} or {@code error}. */
    Page notice(String kind, String text) {
        out.append("<div class=\"hub-notice hub-").append("error".equals(kind) ? "error" : "info")
                .append(" ui-state-").append("error".equals(kind) ? "error" : "highlight")
                .append(" ui-corner-all\">").append(Html.escape(text)).append("</div>\n");
        return this;
    }

    /** The message shown when the service behind a page is not installed or not running. */
    Page notInstalled(String what) {
        return notice("error", msg("notInstalled", what));
    }

    Page tableStart(String cssId, String... headers) {
        out.append("<table id=\"").append(Html.escape(cssId)).append("\" class=\"tablesorter nicetable hub-table\">")
                .append("<thead><tr>");
        for (String h : headers) {
            out.append("<th>").append(Html.escape(h)).append("</th>");
        }
        out.append("</tr></thead><tbody>\n");
        return this;
    }

    /** One row; plain values are escaped, {@link Cell}s made by this page are kept as they are. */
    Page row(Object... cells) {
        out.append("<tr>");
        for (Object c : cells) {
            out.append("<td>").append(c instanceof Cell cell ? cell.html : Html.escape(Html.orDash(c))).append("</td>");
        }
        out.append("</tr>\n");
        return this;
    }

    Page tableEnd() {
        out.append("</tbody></table>\n");
        return this;
    }

    /** @return a link to this page with the query parameters (escaped and URL-encoded) */
    Cell link(String text, Map<String, String> query) {
        StringBuilder href = new StringBuilder(pluginRoot);
        char sep = '?';
        for (Map.Entry<String, String> e : query.entrySet()) {
            href.append(sep).append(Urls.encode(e.getKey())).append('=').append(Urls.encode(e.getValue()));
            sep = '&';
        }
        return new Cell("<a href=\"" + Html.escape(href.toString()) + "\">" + Html.escape(text) + "</a>");
    }

    /**
     * @param action the action name the plugin dispatches on
     * @param fields hidden fields (e.g. the id the action is about)
     * @param confirm a confirmation question, or null to post without asking
     * @return a one-button POST form carrying the CSRF token
     */
    Cell button(String action, String label, Map<String, String> fields, String confirm) {
        StringBuilder f = new StringBuilder("<form method=\"post\" class=\"hub-action\" action=\"")
                .append(Html.escape(pluginRoot)).append('"');
        if (confirm != null) {
            f.append(" onsubmit=\"return confirm(this.dataset.confirm)\" data-confirm=\"")
                    .append(Html.escape(confirm)).append('"');
        }
        f.append("><input type=\"hidden\" name=\"").append(Csrf.FIELD).append("\" value=\"")
                .append(Html.escape(csrfToken)).append("\"><input type=\"hidden\" name=\"action\" value=\"")
                .append(Html.escape(action)).append("\">");
        for (Map.Entry<String, String> e : fields.entrySet()) {
            f.append("<input type=\"hidden\" name=\"").append(Html.escape(e.getKey())).append("\" value=\"")
                    .append(Html.escape(e.getValue())).append("\">");
        }
        f.append("<button type=\"submit\" class=\"ui-button ui-corner-all\">").append(Html.escape(label))
                .append("</button></form>");
        return new Cell(f.toString());
    }

    /**
     * One input of a {@link #form}.
     *
     * @param name the request parameter
     * @param label what the operator reads
     * @param help a longer explanation shown under the input, or null
     * @param kind {@code text}, {@code password} (never prefilled), {@code select} (from {@code options}),
     *        {@code checkboxes} (one per option, same name), {@code checkbox} (value {@code true}), {@code textarea}
     *        or {@code readonly}
     * @param value the prefilled value (ignored for passwords; for {@code checkboxes} the checked values,
     *        space-separated)
     * @param options value to label, for {@code select}
     * @param required whether the field is marked as required
     */
    record Field(String name, String label, String help, String kind, String value, Map<String, String> options,
            boolean required) {
    }

    /** Adds a POST form of labelled inputs, carrying the CSRF token and the action. */
    Page form(String action, String submitLabel, Map<String, String> hidden, List<Field> fields) {
        out.append("<form method=\"post\" class=\"hub-form\" action=\"").append(Html.escape(pluginRoot))
                .append("\"><input type=\"hidden\" name=\"").append(Csrf.FIELD).append("\" value=\"")
                .append(Html.escape(csrfToken)).append("\"><input type=\"hidden\" name=\"action\" value=\"")
                .append(Html.escape(action)).append("\">");
        for (Map.Entry<String, String> e : hidden.entrySet()) {
            out.append("<input type=\"hidden\" name=\"").append(Html.escape(e.getKey())).append("\" value=\"")
                    .append(Html.escape(e.getValue())).append("\">");
        }
        out.append("<table class=\"nicetable hub-table hub-form-table\"><tbody>\n");
        for (Field f : fields) {
            String id = "hub-field-" + f.name().replaceAll("[^A-Za-z0-9_-]", "_");
            out.append("<tr><th><label for=\"").append(Html.escape(id)).append("\">").append(Html.escape(f.label()))
                    .append(f.required() ? " *" : "").append("</label></th><td>");
            switch (f.kind()) {
                case "select" -> {
                    out.append("<select id=\"").append(Html.escape(id)).append("\" name=\"").append(Html.escape(f.name()))
                            .append("\">");
                    for (Map.Entry<String, String> o : f.options().entrySet()) {
                        out.append("<option value=\"").append(Html.escape(o.getKey())).append('"')
                                .append(o.getKey().equals(f.value()) ? " selected" : "").append('>')
                                .append(Html.escape(o.getValue())).append("</option>");
                    }
                    out.append("</select>");
                }
                case "readonly" -> out.append("<code id=\"").append(Html.escape(id)).append("\">")
                        .append(Html.escape(f.value())).append("</code>");
                case "checkboxes" -> checkboxes(id, f);
                case "checkbox" -> out.append("<input id=\"").append(Html.escape(id)).append("\" name=\"")
                        .append(Html.escape(f.name())).append("\" type=\"checkbox\" value=\"true\"")
                        .append("true".equals(f.value()) ? " checked" : "").append('>');
                case "textarea" -> out.append("<textarea id=\"").append(Html.escape(id)).append("\" name=\"")
                        .append(Html.escape(f.name())).append("\" rows=\"3\" cols=\"60\">").append(Html.escape(f.value()))
                        .append("</textarea>");
                default -> {
                    boolean password = f.kind().equals("password");
                    out.append("<input id=\"").append(Html.escape(id)).append("\" name=\"").append(Html.escape(f.name()))
                            .append("\" type=\"").append(password ? "password" : "text").append("\" size=\"50\"");
                    if (password) {
                        out.append(" value=\"\" autocomplete=\"new-password\"");
                        if (f.value() != null && !f.value().isEmpty()) {
                            out.append(" placeholder=\"").append(Html.escape(f.value())).append('"');
                        }
                    } else {
                        out.append(" value=\"").append(Html.escape(f.value())).append('"');
                    }
                    out.append('>');
                }
            }
            if (f.help() != null && !f.help().isBlank()) {
                out.append("<div class=\"hub-help\">").append(Html.escape(f.help())).append("</div>");
            }
            out.append("</td></tr>\n");
        }
        out.append("</tbody></table><button type=\"submit\" class=\"ui-button ui-corner-all\">")
                .append(Html.escape(submitLabel)).append("</button></form>\n");
        return this;
    }

    private void checkboxes(String id, Field f) {
        java.util.Set<String> checked = java.util.Set.of(f.value() == null || f.value().isBlank() ? new String[0]
                : f.value().trim().split("\\s+"));
        out.append("<span id=\"").append(Html.escape(id)).append("\" class=\"hub-checkboxes\">");
        for (Map.Entry<String, String> o : f.options().entrySet()) {
            String box = id + "-" + o.getKey().replaceAll("[^A-Za-z0-9_-]", "_");
            out.append("<label class=\"hub-checkbox\"><input type=\"checkbox\" id=\"").append(Html.escape(box))
                    .append("\" name=\"").append(Html.escape(f.name())).append("\" value=\"")
                    .append(Html.escape(o.getKey())).append('"').append(checked.contains(o.getKey()) ? " checked" : "")
                    .append("> ").append(Html.escape(o.getValue())).append("</label> ");
        }
        out.append("</span>");
    }

    /** The warning above a value shown once. */
    Page once(String text) {
        out.append("<div class=\"hub-once ui-corner-all\">").append(Html.escape(text)).append("</div>\n");
        return this;
    }

    /**
     * A value shown once (a new key or secret), selectable for copying.
     *
     * @param id the element id, for tests and scripts
     */
    Page secret(String id, String label, String value) {
        out.append("<p class=\"hub-secret-line\"><label for=\"").append(Html.escape(id)).append("\">")
                .append(Html.escape(label)).append("</label> <input id=\"").append(Html.escape(id))
                .append("\" class=\"hub-secret\" type=\"text\" readonly size=\"70\" value=\"").append(Html.escape(value))
                .append("\" onfocus=\"this.select()\"></p>\n");
        return this;
    }

    /** Adds a chart (its SVG escapes every text it carries). */
    Page chart(BarChart chart) {
        out.append("<div class=\"hub-chart\">").append(chart.svg()).append("</div>\n");
        return this;
    }

    /** A row of figures, each a big number over a small caption. */
    Page figures(Map<String, String> captionToValue) {
        out.append("<div class=\"hub-figures\">");
        for (Map.Entry<String, String> e : captionToValue.entrySet()) {
            out.append("<div class=\"hub-figure ui-corner-all\"><div class=\"hub-figure-value\">")
                    .append(Html.escape(e.getValue())).append("</div><div class=\"hub-figure-caption\">")
                    .append(Html.escape(e.getKey())).append("</div></div>");
        }
        out.append("</div>\n");
        return this;
    }

    /** @return a link to another page of the console (by its label) with the text */
    Cell linkTo(String label, String text) {
        String root = pluginRoot.substring(0, pluginRoot.lastIndexOf('/') + 1);
        return new Cell("<a href=\"" + Html.escape(root + label) + "\">" + Html.escape(text) + "</a>");
    }

    /** Adds a stand-alone link in a paragraph of its own. */
    Page linkLine(Cell cell) {
        out.append("<p>").append(cell.html).append("</p>\n");
        return this;
    }

    /** Adds a GET form choosing one of {@code options} for the query parameter {@code param} of this page. */
    Page chooser(String param, String label, Map<String, String> options, String selected, String submitLabel) {
        out.append("<form method=\"get\" class=\"hub-chooser\" action=\"").append(Html.escape(pluginRoot))
                .append("\"><label>").append(Html.escape(label)).append(" <select name=\"").append(Html.escape(param))
                .append("\">");
        for (Map.Entry<String, String> o : options.entrySet()) {
            out.append("<option value=\"").append(Html.escape(o.getKey())).append('"')
                    .append(o.getKey().equals(selected) ? " selected" : "").append('>').append(Html.escape(o.getValue()))
                    .append("</option>");
        }
        out.append("</select></label> <button type=\"submit\" class=\"ui-button ui-corner-all\">")
                .append(Html.escape(submitLabel)).append("</button></form>\n");
        return this;
    }

    /** Adds a stand-alone action form (outside a table). */
    Page add(Cell cell) {
        out.append("<div class=\"hub-actions\">").append(cell.html).append("</div>\n");
        return this;
    }

    /** @return several cells in one table cell */
    static Cell join(List<Cell> cells) {
        StringBuilder b = new StringBuilder();
        cells.forEach(c -> b.append(c.html));
        return new Cell(b.toString());
    }

    String html() {
        return out.toString();
    }

    /** A piece of markup built by a {@link Page}; cannot be made from outside this class. */
    static final class Cell {
        private final String html;

        private Cell(String html) {
            this.html = html;
        }
    }
}
