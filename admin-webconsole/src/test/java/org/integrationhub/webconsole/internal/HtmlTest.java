package org.integrationhub.webconsole.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/** Escaping, formats, CSRF tokens and the message bundle. */
class HtmlTest {

    @Test
    void escapesEveryMarkupCharacter() {
        assertThat(Html.escape("<a href=\"x\" onclick='y'>&</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
        assertThat(Html.escape(null)).isEmpty();
        assertThat(Html.list(List.of("b", "a"))).isEqualTo("a b");
        assertThat(Html.time(null)).isEqualTo("\u2014");
    }

    @Test
    void csrfTokensDependOnUserAndKey() {
        Csrf csrf = new Csrf();
        assertThat(csrf.valid("admin", csrf.token("admin"))).isTrue();
        assertThat(csrf.valid("other", csrf.token("admin"))).isFalse();
        assertThat(csrf.valid("admin", null)).isFalse();
        assertThat(new Csrf().valid("admin", csrf.token("admin"))).isFalse();
    }

    @Test
    void messagesComeFromTheBundleProperties() {
        Messages m = Messages.forLocale(Locale.GERMAN);
        assertThat(m.get("result.apikey.revoked", "K1")).isEqualTo("API key K1 revoked; it no longer authenticates.");
        assertThat(m.get("no.such.key")).isEqualTo("no.such.key");
    }
}
