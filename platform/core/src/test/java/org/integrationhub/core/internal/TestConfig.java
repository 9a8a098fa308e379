package org.integrationhub.core.internal;

import java.lang.annotation.Annotation;

/** A {@link TicketServiceImpl.Config} literal for tests. */
final class TestConfig implements TicketServiceImpl.Config {

    private final int urgent;
    private final int high;
    private final int normal;
    private final int low;

    TestConfig(int urgent, int high, int normal, int low) {
        this.urgent = urgent;
        this.high = high;
        this.normal = normal;
        this.low = low;
    }

    /** The metatype defaults: 4, 8, 24, 72 hours. */
    static TestConfig defaults() {
        return new TestConfig(4, 8, 24, 72);
    }

    @Override
    public int sla_urgent_hours() {
        return urgent;
    }

    @Override
    public int sla_high_hours() {
        return high;
    }

    @Override
    public int sla_normal_hours() {
        return normal;
    }

    @Override
    public int sla_low_hours() {
        return low;
    }

    @Override
    public String ticketUrlTemplate() {
        return "http://127.0.0.1:8181/api/v1/tickets/{id}";
    }

    @Override
    public String publicBaseUrl() {
        return "http://127.0.0.1:8181";
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return TicketServiceImpl.Config.class;
    }
}
