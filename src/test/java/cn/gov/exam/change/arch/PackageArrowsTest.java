package cn.gov.exam.change.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Arrows between the feature packages (the first package below cn.gov.exam.change) run one way.
 * Read from the sources rather than the classes, so that a reference the compiler inlines (a
 * constant in an annotation) still counts; comments and string literals do not.
 */
class PackageArrowsTest {
    private static final Path SOURCES = Path.of("src/main/java/cn/gov/exam/change");
    private static final Pattern REFERENCE = Pattern.compile("\\bcn\\.gov\\.exam\\.change\\.([a-z][a-z0-9_]*)\\b");

    @Test
    void noArrowRunsBothWays() {
        Map<String, Set<String>> arrows = arrows();
        assertFalse(arrows.isEmpty(), "no sources read from " + SOURCES.toAbsolutePath());
        List<String> twoWay = new ArrayList<>();
        arrows.forEach((from, tos) -> tos.stream()
                .filter(to -> from.compareTo(to) < 0
                        && arrows.getOrDefault(to, Set.of()).contains(from))
                .forEach(to -> twoWay.add(from + " <-> " + to)));
        assertEquals(List.of(), twoWay, "arrows: " + arrows);
    }

    @Test
    void commonDependsOnNoFeature() {
        assertEquals(Set.of(), arrows().getOrDefault("common", Set.of()));
    }

    /** package -> the packages its files name (imports, static imports, fully qualified names). */
    static Map<String, Set<String>> arrows() {
        Map<String, Set<String>> arrows = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                Path relative = SOURCES.relativize(f);
                if (relative.getNameCount() < 2) {
                    return;
                }
                String from = relative.getName(0).toString();
                Matcher m = REFERENCE.matcher(code(read(f)));
                while (m.find()) {
                    if (!m.group(1).equals(from)) {
                        arrows.computeIfAbsent(from, k -> new TreeSet<>()).add(m.group(1));
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return arrows;
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The source without its comments and string, text block and char literals. */
    static String code(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                i = end(source, source.indexOf('\n', i), n);
            } else if (source.startsWith("/*", i)) {
                int close = source.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else if (source.startsWith("\"\"\"", i)) {
                int close = source.indexOf("\"\"\"", i + 3);
                while (close > 0 && source.charAt(close - 1) == '\\') {
                    close = source.indexOf("\"\"\"", close + 1);
                }
                i = close < 0 ? n : close + 3;
                out.append("\"\"");
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && source.charAt(j) != c) {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                i = j + 1;
                out.append(c).append(c);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int end(String s, int index, int n) {
        return index < 0 ? n : index;
    }
}
