package cn.gov.exam.change.switching;

import cn.gov.exam.change.position.Position;
import cn.gov.exam.change.position.PositionStatus;
import cn.gov.exam.change.position.Requirements;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The positions of a published exam, held in memory: publishing freezes them (status, quota,
 * requirements), so every applicant's switch options and switch checks read the same immutable
 * list instead of the database.
 */
@ApplicationScoped
public class PublishedPositions {

    public record Entry(
            long id,
            String code,
            String agencyCode,
            String agencyName,
            String employer,
            String title,
            int quota,
            PositionStatus status,
            Requirements requirements) {
        public boolean open() {
            return status != PositionStatus.CANCELLED;
        }
    }

    /** All positions of one exam, by code in code order. */
    public record Catalogue(Map<String, Entry> byCode, Map<Long, Entry> byId) {}

    private final Map<Long, Catalogue> catalogues = new ConcurrentHashMap<>();

    /** Must be called for a published exam only, inside a request or transaction. */
    public Catalogue of(long examId) {
        Catalogue c = catalogues.get(examId);
        if (c == null) {
            c = load(examId);
            catalogues.put(examId, c);
        }
        return c;
    }

    /**
     * The same for code on the event loop: a catalogue not yet in memory is loaded on a worker
     * thread, which then carries on with the caller's work.
     */
    public Uni<Catalogue> ofNonBlocking(long examId) {
        Catalogue c = catalogues.get(examId);
        if (c != null) {
            return Uni.createFrom().item(c);
        }
        // requiringNew: the worker thread runs for a reactive request, which has no transaction to
        // join; the read is one of its own, whatever the reactive transaction does after it.
        return Uni.createFrom()
                .item(() -> QuarkusTransaction.requiringNew().call(() -> of(examId)))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static Catalogue load(long examId) {
        Map<String, Entry> byCode = new LinkedHashMap<>();
        Map<Long, Entry> byId = new LinkedHashMap<>();
        for (Position p : Position.<Position>list("examId", Sort.by("code"), examId)) {
            Entry e = new Entry(
                    p.id, p.code, p.agencyCode, p.agencyName, p.employer, p.title, p.quota, p.status, p.requirements());
            byCode.put(p.code, e);
            byId.put(p.id, e);
        }
        return new Catalogue(Collections.unmodifiableMap(byCode), Collections.unmodifiableMap(byId));
    }
}
