package org.integrationhub.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.integrationhub.api.ConflictException;
import org.integrationhub.api.Customer;
import org.integrationhub.api.CustomerChange;
import org.integrationhub.api.HubEvent;
import org.integrationhub.api.NewCustomer;
import org.integrationhub.persistence.testing.TestDatabases.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Concurrent creation of one e-mail address, each call through its own service instance (as on several hub nodes):
 * the unique constraint decides, exactly one creation is announced.
 */
class CustomerConcurrencyTest {

    private static final int THREADS = 6;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void concurrentCreatesOfOneEmailMakeOneCustomerAndConflictsForTheRest(Kind kind) throws Exception {
        Fixture f = new Fixture(kind);
        for (int round = 0; round < 3; round++) {
            String email = "Race" + round + "@Example.com";
            List<Object> results = race(i -> () -> f.newCustomerService(f.db).create(new NewCustomer(
                    i % 2 == 0 ? email : email.toLowerCase(java.util.Locale.ROOT), "R" + i, null, null)));
            List<Customer> created = results.stream().filter(Customer.class::isInstance).map(Customer.class::cast)
                    .toList();
            assertThat(created).as(email).hasSize(1);
            assertThat(results).filteredOn(ConflictException.class::isInstance).hasSize(THREADS - 1);
        }
        assertThat(f.count("customer")).isEqualTo(3);
        assertThat(CustomerProfileTest.customerEvents(f)).hasSize(3);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void concurrentUpdateOrCreateOfANewEmailCreatesItOnceAndAppliesEveryChange(Kind kind) throws Exception {
        Fixture f = new Fixture(kind);
        List<Object> results = race(i -> () -> f.newCustomerService(f.db).updateOrCreate("sync@example.com", "Sync",
                new CustomerChange(null, null, null, Map.of("source" + i + ".seen", "yes"), null)));
        assertThat(results).allMatch(Customer.class::isInstance);
        assertThat(results.stream().map(r -> ((Customer) r).id()).distinct()).hasSize(1);
        Customer stored = f.customers.findByEmail("sync@example.com").orElseThrow();
        assertThat(stored.attributes()).hasSize(THREADS);
        List<HubEvent> events = CustomerProfileTest.customerEvents(f);
        assertThat(events).as("one creation, then one change per other call").hasSize(THREADS);
        assertThat(events.get(0).changedFields()).contains("email");
        assertThat(events.get(THREADS - 1).customer()).as("the last event shows the final state").isEqualTo(stored);
        assertThat(f.count("customer")).isEqualTo(1);
    }

    /** Starts {@value #THREADS} calls at once; @return each call's result or the exception it threw */
    private static List<Object> race(java.util.function.IntFunction<Callable<Customer>> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Customer>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                Callable<Customer> c = call.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return c.call();
                }));
            }
            start.countDown();
            List<Object> results = new ArrayList<>();
            for (Future<Customer> fu : futures) {
                try {
                    results.add(fu.get(60, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    results.add(e.getCause());
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
