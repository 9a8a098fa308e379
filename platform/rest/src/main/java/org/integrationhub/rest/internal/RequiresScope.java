package org.integrationhub.rest.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The scope a resource method needs (see {@code org.integrationhub.security.Scopes}). Methods without it and
 * without {@link PublicEndpoint} need {@code admin}: the default is closed.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@interface RequiresScope {
    String value();
}
