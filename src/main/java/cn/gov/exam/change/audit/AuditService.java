package cn.gov.exam.change.audit;

import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.common.http.RequestIds;
import cn.gov.exam.change.common.sql.Jdbc;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Records who decided what, in the transaction of the decision itself: an event exists exactly
 * when its decision was committed. Personal data goes in masked or not at all.
 */
@ApplicationScoped
public class AuditService {
    public static final String SYSTEM = "system";
    /** Whoever sends a request without signing in (a sign-in attempt, for one). */
    public static final String ANONYMOUS = "anonymous";

    @Inject
    AppClock clock;

    @Inject
    SecurityIdentity identity;

    @Inject
    CurrentVertxRequest request;

    @Inject
    Jdbc jdbc;

    @Inject
    ObjectMapper json;

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(
            String action,
            String subjectType,
            String subjectId,
            String examCode,
            Map<String, Object> before,
            Map<String, Object> after) {
        recordAs(currentActor(), currentRole(), action, subjectType, subjectId, examCode, before, after);
    }

    /**
     * The same, on a reactive connection in its transaction (the switch rush, on the event loop):
     * the caller names the actor, as the request's identity is not to be looked up there.
     */
    public Uni<Void> record(
            SqlConnection conn,
            String actor,
            String role,
            String action,
            String subjectType,
            String subjectId,
            String examCode,
            Map<String, Object> before,
            Map<String, Object> after) {
        return conn.preparedQuery(INSERT_NUMBERED)
                .execute(Tuple.from(values(actor, role, action, subjectType, subjectId, examCode, before, after)))
                .replaceWithVoid();
    }

    /** The signed-in user's name, or {@value #SYSTEM} for jobs and start-up. */
    public String currentActor() {
        try {
            return identity.isAnonymous() ? SYSTEM : identity.getPrincipal().getName();
        } catch (ContextNotActiveException e) {
            return SYSTEM;
        }
    }

    private String currentRole() {
        try {
            return identity.isAnonymous()
                    ? null
                    : identity.getRoles().stream().sorted().findFirst().orElse(null);
        } catch (ContextNotActiveException e) {
            return null; // jobs and start-up act as the system
        }
    }

    /** A plain insert on the transaction's own connection: every decision writes one, the switch rush included. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAs(
            String actor,
            String role,
            String action,
            String subjectType,
            String subjectId,
            String examCode,
            Map<String, Object> before,
            Map<String, Object> after) {
        jdbc.run(conn -> insert(conn, actor, role, action, subjectType, subjectId, examCode, before, after));
    }

    /** One event of {@link #recordAll}: the current actor's. */
    public record Event(
            String action,
            String subjectType,
            String subjectId,
            String examCode,
            Map<String, Object> before,
            Map<String, Object> after) {}

    /**
     * Many events of one transaction in one statement (a round of webhook deliveries: hundreds),
     * the columns bound as arrays: one execution on the server, not one per event.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAll(List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        String actor = currentActor();
        String role = currentRole();
        Object at = clock.now().atOffset(ZoneOffset.UTC);
        String requestId = currentRequestId();
        int n = events.size();
        String[] actions = new String[n],
                types = new String[n],
                ids = new String[n],
                exams = new String[n],
                befores = new String[n],
                afters = new String[n];
        for (int i = 0; i < n; i++) {
            Event e = events.get(i);
            actions[i] = e.action();
            types[i] = e.subjectType();
            ids[i] = e.subjectId();
            exams[i] = e.examCode();
            befores[i] = json(e.before());
            afters[i] = json(e.after());
        }
        jdbc.run(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(INSERT_ALL)) {
                ps.setObject(1, at);
                ps.setString(2, actor);
                ps.setString(3, role);
                ps.setString(4, requestId);
                ps.setArray(5, conn.createArrayOf("text", actions));
                ps.setArray(6, conn.createArrayOf("text", types));
                ps.setArray(7, conn.createArrayOf("text", ids));
                ps.setArray(8, conn.createArrayOf("text", exams));
                ps.setArray(9, conn.createArrayOf("text", befores));
                ps.setArray(10, conn.createArrayOf("text", afters));
                ps.executeUpdate();
            }
        });
    }

    private static final String INSERT_ALL = """
            insert into audit_event (occurred_at, actor, actor_role, request_id, action, subject_type, subject_id,
                                     exam_code, before_state, after_state)
            select ?, ?, ?, ?, e.action, e.subject_type, e.subject_id, e.exam_code, e.before_state::jsonb,
                   e.after_state::jsonb
            from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                 with ordinality as e(action, subject_type, subject_id, exam_code, before_state, after_state, n)
            order by e.n""";

    private static final String INSERT = """
            insert into audit_event (occurred_at, actor, actor_role, action, subject_type, subject_id,
                                     exam_code, before_state, after_state, request_id)
            values (?, ?, ?, ?, ?, ?, ?, cast(cast(? as text) as jsonb), cast(cast(? as text) as jsonb), ?)""";
    // The states are bound as text, parsed by the server: the reactive client would bind a string
    // parameter of type jsonb as a JSON string. It numbers its parameters.
    private static final String INSERT_NUMBERED = numbered(INSERT);

    // Events are never read back in the transaction that writes them.
    private void insert(
            Connection conn,
            String actor,
            String role,
            String action,
            String subjectType,
            String subjectId,
            String examCode,
            Map<String, Object> before,
            Map<String, Object> after)
            throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(INSERT)) {
            List<Object> values = values(actor, role, action, subjectType, subjectId, examCode, before, after);
            for (int i = 0; i < values.size(); i++) {
                ps.setObject(i + 1, values.get(i));
            }
            ps.executeUpdate();
        }
    }

    private List<Object> values(
            String actor,
            String role,
            String action,
            String subjectType,
            String subjectId,
            String examCode,
            Map<String, Object> before,
            Map<String, Object> after) {
        return Arrays.asList(
                clock.now().atOffset(ZoneOffset.UTC),
                actor,
                role,
                action,
                subjectType,
                subjectId,
                examCode,
                json(before),
                json(after),
                currentRequestId());
    }

    private static String numbered(String sql) {
        StringBuilder out = new StringBuilder();
        int n = 0;
        for (char c : sql.toCharArray()) {
            if (c == '?') {
                out.append('$').append(++n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private String json(Map<String, Object> state) {
        try {
            return state == null ? null : json.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String currentRequestId() {
        try {
            return RequestIds.current(request.getCurrent());
        } catch (ContextNotActiveException e) {
            return null;
        }
    }
}
