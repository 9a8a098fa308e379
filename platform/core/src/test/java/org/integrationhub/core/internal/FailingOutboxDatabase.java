package org.integrationhub.core.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.integrationhub.persistence.Database;

/** A {@link Database} whose connections refuse to prepare the outbox insert, as if the event could not be written. */
final class FailingOutboxDatabase implements Database {

    private final Database delegate;

    FailingOutboxDatabase(Database delegate) {
        this.delegate = delegate;
    }

    @Override
    public Dialect dialect() {
        return delegate.dialect();
    }

    @Override
    public DataSource dataSource() {
        return delegate.dataSource();
    }

    @Override
    public <T> T inTransaction(TransactionWork<T> work) {
        return delegate.inTransaction(c -> work.execute(failingOnOutbox(c)));
    }

    private static Connection failingOnOutbox(Connection real) {
        return (Connection) Proxy.newProxyInstance(FailingOutboxDatabase.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement") && args[0] instanceof String sql
                            && sql.startsWith("INSERT INTO outbox_event")) {
                        throw new SQLException("simulated outbox failure");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
