package org.integrationhub.webconsole.internal;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The pages' strings, from the bundle's {@code OSGI-INF/l10n/bundle.properties} (and its locale variants). */
final class Messages {

    private final ResourceBundle bundle;
    private final Locale locale;

    private Messages(ResourceBundle bundle, Locale locale) {
        this.bundle = bundle;
        this.locale = locale;
    }

    static Messages forLocale(Locale locale) {
        Locale l = locale == null ? Locale.ENGLISH : locale;
        return new Messages(ResourceBundle.getBundle("OSGI-INF.l10n.bundle", l, Messages.class.getClassLoader()), l);
    }

    /** @return the string of the key formatted with the arguments; the key itself if it is missing */
    String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    /** @return whether the key exists (result keys from a redirect are only shown if they do) */
    boolean has(String key) {
        return bundle.containsKey(key);
    }
}
