package org.integrationhub.benchmarks.webhooks;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Annotation-typed component configurations built outside OSGi: the declared defaults, overridden by a map. */
final class Configs {

    private Configs() {
    }

    static <T> T of(Class<T> type, Map<String, Object> overrides) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("annotationType")) {
                return type;
            }
            if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("toString") ? type.getSimpleName() : method.invoke(overrides, args);
            }
            return overrides.getOrDefault(method.getName(), method.getDefaultValue());
        }));
    }
}
