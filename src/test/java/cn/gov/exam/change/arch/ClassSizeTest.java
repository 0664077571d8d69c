package cn.gov.exam.change.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** One job per class: a class of the service that grows past 400 lines is doing more than one. */
class ClassSizeTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final int MAX_LINES = 400;

    @Test
    void noClassOfTheServiceIsOver400Lines() throws IOException {
        List<String> large;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            large = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> lines(f) > MAX_LINES)
                    .map(f -> SOURCES.relativize(f) + ": " + lines(f) + " lines")
                    .toList();
        }
        assertEquals(List.of(), large, "split these along their jobs");
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
