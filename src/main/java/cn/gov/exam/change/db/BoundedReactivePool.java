package cn.gov.exam.change.db;

import cn.gov.exam.change.common.AppConfig;
import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The reactive pool (the switch path) with bounded waits, which Quarkus's configuration does not
 * offer: a wait for a pooled connection ends after app.database.acquisition-timeout, connecting
 * too, a connection on which nothing arrives for app.database.socket-timeout is closed (a frozen
 * or vanished server), and the server's statement and lock timeouts travel with each connection's
 * start-up, so they cost no round trip.
 */
@Singleton
public class BoundedReactivePool implements PgPoolCreator {
    @Inject
    AppConfig config;

    @Override
    public Pool create(Input input) {
        List<PgConnectOptions> options = input.pgConnectOptionsList();
        options.forEach(o -> bound(o, config.database()));
        PoolOptions pool = input.poolOptions()
                .setConnectionTimeout(
                        (int) config.database().acquisitionTimeout().toMillis())
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
        return PgPool.pool(input.vertx(), options, pool);
    }

    /** The same bounds for any connection to the database (the readiness probe's too). */
    static PgConnectOptions bound(PgConnectOptions o, AppConfig.Database db) {
        o.setConnectTimeout((int) db.acquisitionTimeout().toMillis());
        o.setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        o.setReadIdleTimeout((int) db.socketTimeout().toMillis());
        o.addProperty("statement_timeout", Long.toString(db.statementTimeout().toMillis()));
        o.addProperty("lock_timeout", Long.toString(db.lockTimeout().toMillis()));
        return o;
    }
}
