package cn.gov.exam.change.common.sql;

import cn.gov.exam.change.common.paging.PageParams;
import cn.gov.exam.change.common.paging.PageResponse;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.hibernate.jpa.HibernateHints;

/**
 * One filtered list in plain SQL, read either a page at a time (the JSON list) or whole through a
 * cursor (its CSV export): both forms run the same {@code from … where …}, so they hold the same
 * rows. Filters whose value is null are left out. Must run in a transaction (the cursor needs one).
 */
public final class SqlList {
    /** Rows fetched per round trip of an export's cursor. */
    static final int FETCH_SIZE = 500;

    private final String select;
    private final String from;
    private final String orderBy;
    private final List<String> where = new ArrayList<>();
    private final Map<String, Object> params = new LinkedHashMap<>();

    /** {@code from} holds the joins and the first condition; {@code params} its named parameters. */
    public SqlList(String select, String from, String orderBy, Map<String, Object> params) {
        this.select = select;
        this.from = from;
        this.orderBy = orderBy;
        this.params.putAll(params);
    }

    /** Adds {@code condition} (naming {@code :name}) when {@code value} is not null. */
    public SqlList and(String condition, String name, Object value) {
        if (value != null) {
            where.add(condition);
            params.put(name, value instanceof Enum<?> e ? e.name() : value);
        }
        return this;
    }

    private String body() {
        return from + (where.isEmpty() ? "" : " and " + String.join(" and ", where));
    }

    private Query bind(Query q) {
        params.forEach(q::setParameter);
        return q;
    }

    public <T> PageResponse<T> page(EntityManager em, PageParams page, Function<Tuple, T> map) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = bind(em.createNativeQuery(select + " " + body() + " order by " + orderBy, Tuple.class))
                .setFirstResult(page.offset())
                .setMaxResults(page.size)
                .getResultList();
        long total = ((Number)
                        bind(em.createNativeQuery("select count(*) " + body())).getSingleResult())
                .longValue();
        return new PageResponse<>(rows.stream().map(map).toList(), page.page, page.size, total);
    }

    /** Every row in the list's order, handed to {@code each} one at a time: constant memory. */
    public <T> void forEach(EntityManager em, Function<Tuple, T> map, RowConsumer<T> each) throws IOException {
        @SuppressWarnings("unchecked")
        Stream<Tuple> rows = bind(em.createNativeQuery(select + " " + body() + " order by " + orderBy, Tuple.class))
                .setHint(HibernateHints.HINT_FETCH_SIZE, FETCH_SIZE)
                .setHint(HibernateHints.HINT_READ_ONLY, true)
                .getResultStream();
        try (rows) {
            for (Tuple row : (Iterable<Tuple>) rows::iterator) {
                each.accept(map.apply(row));
            }
        }
    }

    /** Receives the rows of an export; may fail writing them. */
    public interface RowConsumer<T> {
        void accept(T row) throws IOException;
    }
}
