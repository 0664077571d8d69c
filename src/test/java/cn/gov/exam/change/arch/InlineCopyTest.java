package cn.gov.exam.change.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Chinese word a page shows stands in a copy module (the front-ends' copy.js, and
 * shared/labels.js for the names of enum values), not inline in page code: a string or template
 * literal with a CJK character (ideograph or CJK punctuation) in a checked file fails this test,
 * which lists each one. Comments may be in Chinese. A plain text scan, no Quarkus boot.
 */
class InlineCopyTest {
    private static final Path RESOURCES = Path.of("src/main/resources/META-INF/resources");

    /** The files held to it, as globs under RESOURCES: every script of both front-ends. */
    private static final List<String> CHECKED = List.of(
            "assets/applicant/*.js",
            "assets/applicant/pages/*.js",
            "assets/console/*.js",
            "assets/console/pages/*.js",
            "assets/shared/*.js");

    /** Where the words live. */
    private static final Set<String> COPY_MODULES = Set.of("copy.js", "labels.js");

    private static final Pattern CJK = Pattern.compile("[\\p{IsHan}\\u3000-\\u303F\\uFF00-\\uFFEF]");

    @Test
    void pagesHoldNoChineseOfTheirOwn() {
        List<Path> files = checkedFiles();
        assertTrue(files.size() >= 8, "the applicant's shell, app, state and pages are checked: " + files);
        List<String> inline = new ArrayList<>();
        for (Path f : files) {
            for (Literal l : literals(read(f))) {
                if (CJK.matcher(l.text()).find()) {
                    inline.add(RESOURCES.relativize(f) + ":" + l.line() + ": " + l.text());
                }
            }
        }
        assertEquals(List.of(), inline, "move these to the front-end's copy.js (or shared/labels.js)");
    }

    /** The scanner itself: it finds what it must and skips comments, regular expressions and code. */
    @Test
    void findsInlineChineseButNotComments() {
        String js = """
                // 注释：一行 'not a string'
                /* 块注释 "也不是" */
                const url = 'http://example.org'; // 这里是注释
                const a = '单引号', b = "双引号";
                const t = `模板 ${x ? `嵌套 ${y}` : '内层'} 尾部`;
                const r = s.split(/['"`]+/).join('、');
                const obj = {x: {y: 1}}; const q = `${obj.x.y}`;
                const d = n / 2 / 3; const e = 'it\\'s 好';
                """;
        List<String> found = literals(js).stream()
                .filter(l -> CJK.matcher(l.text()).find())
                .map(l -> l.line() + ":" + l.text())
                .toList();
        assertEquals(List.of("4:单引号", "4:双引号", "5:模板 ", "5:嵌套 ", "5:内层", "5: 尾部", "6:、", "8:it\\'s 好"), found);
    }

    private static List<Path> checkedFiles() {
        List<PathMatcher> matchers = CHECKED.stream()
                .map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g))
                .toList();
        try (Stream<Path> all = Files.walk(RESOURCES.resolve("assets"))) {
            return all.filter(Files::isRegularFile)
                    .filter(f -> matchers.stream().anyMatch(m -> m.matches(RESOURCES.relativize(f))))
                    .filter(f -> !COPY_MODULES.contains(f.getFileName().toString()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Literal(int line, String text) {}

    /**
     * The string literals of a script, with the static parts of template literals (their ${...} parts
     * are scanned as code) and regular expression literals. Comments are skipped. A slash starts a
     * regular expression where an operand is expected: after an operator, an opening bracket, a
     * comma, a semicolon or one of a few keywords.
     */
    static List<Literal> literals(String src) {
        List<Literal> out = new ArrayList<>();
        List<Integer> templateBraces = new ArrayList<>(); // open braces inside each ${...} being scanned
        int line = 1;
        int i = 0;
        char prev = 0; // last significant character of code
        String prevWord = "";
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                while (i < n && src.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                int end = src.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                line += count(src, i, end);
                i = end;
            } else if (c == '\'' || c == '"') {
                int start = i + 1;
                i = start;
                while (i < n && src.charAt(i) != c && src.charAt(i) != '\n') {
                    i += src.charAt(i) == '\\' ? 2 : 1;
                }
                out.add(new Literal(line, src.substring(start, Math.min(i, n))));
                i++;
                prev = c;
                prevWord = "";
            } else if (c == '`'
                    || (c == '}' && !templateBraces.isEmpty() && templateBraces.get(templateBraces.size() - 1) == 0)) {
                if (c == '}') {
                    templateBraces.remove(templateBraces.size() - 1);
                }
                int start = i + 1;
                int startLine = line;
                i = start;
                while (i < n
                        && src.charAt(i) != '`'
                        && !(src.charAt(i) == '$' && i + 1 < n && src.charAt(i + 1) == '{')) {
                    if (src.charAt(i) == '\n') {
                        line++;
                    }
                    i += src.charAt(i) == '\\' ? 2 : 1;
                }
                out.add(new Literal(startLine, src.substring(start, Math.min(i, n))));
                if (i < n && src.charAt(i) == '$') {
                    templateBraces.add(0);
                    i += 2;
                    prev = '{';
                } else {
                    i++;
                    prev = '`';
                }
                prevWord = "";
            } else if (c == '/' && regexAllowed(prev, prevWord)) {
                int start = i + 1;
                i = start;
                boolean inClass = false;
                while (i < n && src.charAt(i) != '\n' && (inClass || src.charAt(i) != '/')) {
                    char r = src.charAt(i);
                    if (r == '\\') {
                        i++;
                    } else if (r == '[') {
                        inClass = true;
                    } else if (r == ']') {
                        inClass = false;
                    }
                    i++;
                }
                out.add(new Literal(line, src.substring(start, Math.min(i, n))));
                i++;
                while (i < n && Character.isLetter(src.charAt(i))) {
                    i++;
                }
                prev = '/';
                prevWord = "regex";
            } else if (Character.isJavaIdentifierStart(c)) {
                int start = i;
                while (i < n && Character.isJavaIdentifierPart(src.charAt(i))) {
                    i++;
                }
                prevWord = src.substring(start, i);
                prev = 'a';
            } else {
                if (!templateBraces.isEmpty() && (c == '{' || c == '}')) {
                    int last = templateBraces.size() - 1;
                    templateBraces.set(last, templateBraces.get(last) + (c == '{' ? 1 : -1));
                }
                prev = c;
                prevWord = "";
                i++;
            }
        }
        return out;
    }

    private static final Set<String> BEFORE_OPERAND =
            Set.of("return", "typeof", "case", "in", "of", "void", "delete", "new", "throw");

    private static boolean regexAllowed(char prev, String prevWord) {
        if (prev == 'a') {
            return BEFORE_OPERAND.contains(prevWord);
        }
        return prev == 0 || "(,=:[!&|?{};+-*%<>~^".indexOf(prev) >= 0;
    }

    private static int count(String s, int from, int to) {
        int lines = 0;
        for (int k = from; k < to; k++) {
            if (s.charAt(k) == '\n') {
                lines++;
            }
        }
        return lines;
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
