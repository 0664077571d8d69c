package cn.gov.exam.change.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Chinese labels of the API's codes, for what the server writes for people (CSV exports) and
 * reads from them (CSV imports). Read from the one label table the two front-ends share,
 * {@code assets/shared/labels.js} ({@code LABELS}), so that a label is written in one place.
 */
public final class Labels {
    static final String SOURCE = "META-INF/resources/assets/shared/labels.js";
    private static final Pattern TABLE = Pattern.compile("(\\w+):\\s*\\{([^{}]*)\\}");
    private static final Pattern ENTRY = Pattern.compile("(?:'([^']+)'|([A-Za-z_][\\w]*))\\s*:\\s*'([^']*)'");
    private static final Map<String, Map<String, String>> TABLES = read();

    private Labels() {}

    /** The label of a code in a table (by the API's enum name), or the code itself when it has none. */
    public static String label(String table, Object code) {
        if (code == null) {
            return null;
        }
        String c = code instanceof Enum<?> e ? e.name() : code.toString();
        return TABLES.getOrDefault(table, Map.of()).getOrDefault(c, c);
    }

    /** The code whose label (or code) this is, whatever the case of a code. */
    public static Optional<String> code(String table, String labelOrCode) {
        Map<String, String> t = TABLES.getOrDefault(table, Map.of());
        String s = labelOrCode.trim();
        for (Map.Entry<String, String> e : t.entrySet()) {
            // 中共党员 is the label 中共党员（含预备党员） without its note
            if (e.getKey().equalsIgnoreCase(s)
                    || e.getValue().equals(s)
                    || e.getValue().replaceAll("（.*）$", "").equals(s)) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    public static Map<String, String> table(String name) {
        return TABLES.getOrDefault(name, Map.of());
    }

    static Map<String, Map<String, String>> parse(String source) {
        int start = source.indexOf("export const LABELS = {");
        int end = source.indexOf("\n};", start);
        if (start < 0 || end < 0) {
            throw new IllegalStateException(SOURCE + " has no LABELS table");
        }
        String body = source.substring(start + "export const LABELS = {".length(), end)
                .replaceAll("(?m)^\\s*//.*$", "");
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        Matcher t = TABLE.matcher(body);
        while (t.find()) {
            Map<String, String> entries = new LinkedHashMap<>();
            Matcher e = ENTRY.matcher(t.group(2));
            while (e.find()) {
                entries.put(e.group(1) != null ? e.group(1) : e.group(2), e.group(3));
            }
            out.put(t.group(1), Collections.unmodifiableMap(entries));
        }
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, Map<String, String>> read() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = (loader != null ? loader : Labels.class.getClassLoader()).getResourceAsStream(SOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SOURCE + " is missing");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For messages: the codes and labels a field accepts, e.g. "BACHELOR（本科）、MASTER（硕士研究生）". */
    public static String allowed(String table) {
        StringBuilder sb = new StringBuilder();
        table(table)
                .forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ", ")
                        .append(k)
                        .append(" (")
                        .append(v)
                        .append(")"));
        return sb.toString();
    }
}
