package org.integrationhub.rest.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Instances of DS config annotation types that return the declared defaults, or the given overrides. */
final class ConfigLiterals {

    private ConfigLiterals() {
    }

    static <A> A of(Class<A> type, Map<String, Object> overrides) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (overrides.containsKey(method.getName())) {
                return overrides.get(method.getName());
            }
            if (method.getName().equals("annotationType")) {
                return type;
            }
            Object value = method.getDefaultValue();
            if (value == null) {
                throw new UnsupportedOperationException(method.getName());
            }
            return value;
        }));
    }

    static <A> A defaults(Class<A> type) {
        return of(type, Map.of());
    }
}
