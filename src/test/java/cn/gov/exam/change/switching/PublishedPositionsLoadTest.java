package cn.gov.exam.change.switching;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.gov.exam.change.support.Concurrently;
import cn.gov.exam.change.support.Eventually;
import cn.gov.exam.change.support.Sql;
import cn.gov.exam.change.support.SwitchFixture;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An instance started in the deadline rush meets many applicants at once: they wait for one load
 * of the exam's positions (17,000 in a national exam, 1.2 s on a fresh instance) instead of each
 * reading them. The position table is held locked while the requests arrive, so that without the
 * one load every one of them would be reading it, and each would end with a catalogue of its own.
 */
@QuarkusTest
class PublishedPositionsLoadTest {
    @Inject
    PublishedPositions positions;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void applicantsArrivingTogetherShareOneLoadOfTheExamsPositions() throws Exception {
        SwitchFixture fixture = new SwitchFixture(1, 0);
        long examId = Sql.number(dataSource, "select id from exam where code = ?", fixture.exam);
        Thread release;
        try (Connection lock = dataSource.getConnection();
                Statement st = lock.createStatement()) {
            lock.setAutoCommit(false);
            st.execute("lock table position in access exclusive mode");
            release = new Thread(() -> {
                try {
                    Eventually.await(() -> waitingOnLocks() > 0, () -> "a load waiting on the position table");
                    // The other requests have long since asked for the catalogue.
                    Thread.sleep(300);
                    lock.commit();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            release.start();
            List<PublishedPositions.Catalogue> seen =
                    Concurrently.run(8, i -> QuarkusTransaction.requiringNew().call(() -> positions.of(examId)));
            release.join();
            Set<PublishedPositions.Catalogue> loaded = Collections.newSetFromMap(new IdentityHashMap<>());
            loaded.addAll(seen);
            assertEquals(1, loaded.size(), "catalogues loaded by 8 requests arriving together");
            assertEquals(6, seen.get(0).inCodeOrder().size());
        }
    }

    private long waitingOnLocks() {
        try {
            return Sql.number(
                    dataSource,
                    "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
