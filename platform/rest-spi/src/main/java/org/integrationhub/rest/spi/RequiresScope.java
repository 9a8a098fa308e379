package org.integrationhub.rest.spi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.integrationhub.security.Scopes;

/**
 * The scope (see {@link Scopes}) a method of an {@link ApiResource} needs. Methods without it need {@code admin}:
 * the default is closed.
 *
 * @since 0.1.0
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresScope {
    /** @return the scope name, e.g. {@link Scopes#TICKETS_READ} */
    String value();
}
