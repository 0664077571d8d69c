package cn.gov.exam.change.switching;

import cn.gov.exam.change.position.Position;
import cn.gov.exam.change.position.PositionStatus;
import cn.gov.exam.change.position.Requirements;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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

    /**
     * All positions of one exam, by code in code order; beside them the distinct sets of
     * requirements, and which set each position (in code order) has: a national exam repeats a few
     * hundred sets over tens of thousands of positions, so an applicant's prechecks are one per set.
     */
    public record Catalogue(
            Map<String, Entry> byCode,
            Map<Long, Entry> byId,
            List<Entry> inCodeOrder,
            List<Requirements> requirementSets,
            int[] requirementSetOf) {

        /** The catalogue of these positions, given in code order. */
        public static Catalogue of(List<Entry> inCodeOrder) {
            Map<String, Entry> byCode = new LinkedHashMap<>();
            Map<Long, Entry> byId = new LinkedHashMap<>();
            Map<Requirements, Integer> sets = new LinkedHashMap<>();
            int[] setOf = new int[inCodeOrder.size()];
            for (int i = 0; i < inCodeOrder.size(); i++) {
                Entry e = inCodeOrder.get(i);
                byCode.put(e.code(), e);
                byId.put(e.id(), e);
                setOf[i] = sets.computeIfAbsent(e.requirements(), k -> sets.size());
            }
            return new Catalogue(
                    Collections.unmodifiableMap(byCode),
                    Collections.unmodifiableMap(byId),
                    List.copyOf(inCodeOrder),
                    List.copyOf(sets.keySet()),
                    setOf);
        }
    }

    private final Map<Long, Catalogue> catalogues = new ConcurrentHashMap<>();

    /** Must be called for a published exam only, inside a request or transaction. */
    public Catalogue of(long examId) {
        Catalogue c = catalogues.get(examId);
        if (c != null) {
            return c;
        }
        // One load per exam and instance: applicants arriving while it runs (an instance started in
        // the deadline rush) wait for it rather than each reading the exam's 17,000 positions. They
        // wait holding their transactions' connections, so the loader takes its own before the
        // map's lock: it never needs one of the pool that its waiters hold.
        Panache.getEntityManager().createNativeQuery("select 1").getSingleResult();
        return catalogues.computeIfAbsent(examId, PublishedPositions::load);
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
        List<Entry> entries = new ArrayList<>();
        for (Position p : Position.<Position>list("examId", Sort.by("code"), examId)) {
            entries.add(new Entry(
                    p.id,
                    p.code,
                    p.agencyCode,
                    p.agencyName,
                    p.employer,
                    p.title,
                    p.quota,
                    p.status,
                    p.requirements()));
        }
        return Catalogue.of(entries);
    }
}
