package cn.gov.exam.change.arch;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A table's SQL writes (insert, update, delete) stand in its owner's package only (README "Packages
 * and SQL"). Entity writes go through the owner's entity class, which this text check cannot see.
 */
class TableWritersTest {
    private static final Path SOURCES = Path.of("src/main/java/cn/gov/exam/change");
    private static final Pattern WRITE =
            Pattern.compile("\\b(?:insert\\s+into|update|delete\\s+from)\\s+([a-z_]+)", Pattern.CASE_INSENSITIVE);

    private static final Map<String, String> OWNERS = Map.ofEntries(
            entry("applicant", "registration"),
            entry("registration", "registration"),
            entry("audit_event", "audit"),
            entry("exam", "exam"),
            entry("position", "position"),
            entry("position_switch", "switching"),
            entry("idempotency_key", "switching"),
            entry("ratio_check_result", "ratio"),
            entry("cancelled_positions_snapshot", "ratio"),
            entry("refund", "refund"),
            entry("refund_callback", "refund"),
            entry("sign_in_throttle", "auth"),
            entry("sign_in_failure", "auth"),
            entry("staff_account", "auth"),
            entry("webhook_subscription", "webhook"),
            entry("webhook_delivery", "webhook"),
            entry("webhook_attempt", "webhook"),
            entry("agency", "agency"),
            entry("heartbeat", "db"),
            entry("receipt", "receipt"),
            entry("receipt_lookup_count", "receipt"),
            entry("notification", "notification"));

    /** package:table writes that are meant, each for the reason given. */
    private static final Set<String> ALLOWED = Set.of(
            // Publishing applies the stored plan to the positions in the statement that stores it,
            // so that the plan and the positions never disagree.
            "ratio:position");

    @Test
    void onlyTheOwnerWritesATable() {
        List<String> foreign = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                String pkg = SOURCES.relativize(f).getName(0).toString();
                Matcher m = WRITE.matcher(read(f));
                while (m.find()) {
                    String owner = OWNERS.get(m.group(1).toLowerCase());
                    if (owner != null && !owner.equals(pkg) && !ALLOWED.contains(pkg + ":" + m.group(1))) {
                        foreign.add(SOURCES.relativize(f) + " writes " + m.group(1) + " (owner: " + owner + ")");
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(List.of(), foreign);
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
