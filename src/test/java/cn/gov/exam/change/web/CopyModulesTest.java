package cn.gov.exam.change.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every visible Chinese string of a front-end lives in its copy module (assets/console/copy.js,
 * assets/applicant/copy.js) or in shared/labels.js: a checked module holding a string, template or
 * regular-expression literal with CJK characters (full-width punctuation included) fails this test,
 * which names file:line of each. Comments may hold Chinese. Plain JUnit, no Quarkus boot.
 */
class CopyModulesTest {

  static final Path ASSETS = Path.of("src/main/resources/META-INF/resources/assets");

  /**
   * The modules that must hold no Chinese literal, relative to {@link #ASSETS}: a folder stands for
   * its *.js files. Extend it as more modules move their copy out (console/main.js, console/app.js,
   * the applicant's pages).
   */
  static final List<String> CHECKED = List.of("console/pages");

  private static final Pattern CJK = Pattern.compile("[\\p{IsHan}\\u3000-\\u303F\\uFF00-\\uFFEF]");

  @Test
  void pagesHoldNoChineseLiterals() throws IOException {
    List<String> found = new ArrayList<>();
    int files = 0;
    for (String entry : CHECKED) {
      Path p = ASSETS.resolve(entry);
      List<Path> modules;
      if (Files.isDirectory(p)) {
        try (var s = Files.list(p)) {
          modules = s.filter(f -> f.toString().endsWith(".js")).sorted().toList();
        }
      } else {
        modules = List.of(p);
      }
      for (Path m : modules) {
        files++;
        for (int line : chineseLiteralLines(Files.readString(m))) {
          found.add(ASSETS.relativize(m) + ":" + line);
        }
      }
    }
    assertTrue(files > 0, "no module found under " + ASSETS.toAbsolutePath() + " for " + CHECKED);
    assertEquals(
        List.of(), found, "Chinese text outside the copy modules (move it to copy.js or labels.js)");
  }

  @Test
  void scannerSeesLiteralsAndSkipsComments() {
    String js =
        "// 注释\n"
            + "const a = 'x'; /* 块\n注释 */\n"
            + "const b = \"中\";\n"
            + "const c = `a ${d ? '文' : `x`} b`;\n"
            + "const e = /中/.test(f) ? 'ok' : `\n多行`;\n"
            + "const g = 1 / 2; // '中'\n"
            + "function t(x) { return /[中']/.test(x); }\n";
    assertEquals(List.of(4, 5, 6, 7, 9), chineseLiteralLines(js));
  }

  /**
   * Lines holding CJK characters inside a string, template or regular expression literal (not in a
   * comment). A small lexer: enough for the project's own modules, not a JavaScript parser.
   */
  static List<Integer> chineseLiteralLines(String src) {
    List<Integer> lines = new ArrayList<>();
    int line = 1;
    int i = 0;
    int n = src.length();
    // the stack of open template literals: each entry is the brace depth inside its ${ … }
    List<Integer> templates = new ArrayList<>();
    boolean inTemplateText = false;
    char prevSignificant = 0;
    while (i < n) {
      char c = src.charAt(i);
      if (inTemplateText) {
        if (c == '\\') {
          i += 2;
          continue;
        }
        if (c == '`') {
          inTemplateText = false;
          templates.remove(templates.size() - 1);
          prevSignificant = '`';
          i++;
          continue;
        }
        if (c == '$' && i + 1 < n && src.charAt(i + 1) == '{') {
          inTemplateText = false;
          templates.set(templates.size() - 1, 1);
          prevSignificant = '{';
          i += 2;
          continue;
        }
        if (c == '\n') line++;
        else if (CJK.matcher(String.valueOf(c)).matches()) addOnce(lines, line);
        i++;
        continue;
      }
      if (c == '\n') {
        line++;
        i++;
        continue;
      }
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
        while (i < n && src.charAt(i) != '\n') i++;
        continue;
      }
      if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
        int end = src.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        for (int k = i; k < end; k++) if (src.charAt(k) == '\n') line++;
        i = end;
        continue;
      }
      if (c == '\'' || c == '"' || (c == '/' && regexMayStart(src, i, prevSignificant))) {
        i++;
        boolean inClass = false;
        while (i < n) {
          char d = src.charAt(i);
          if (d == '\\') {
            i += 2;
            continue;
          }
          if (d == '\n') break; // unterminated on this line: not a literal after all
          if (c == '/' && d == '[') inClass = true;
          else if (c == '/' && d == ']') inClass = false;
          else if (d == c && !inClass) break;
          if (CJK.matcher(String.valueOf(d)).matches()) addOnce(lines, line);
          i++;
        }
        i++;
        prevSignificant = 'a';
        continue;
      }
      if (c == '`') {
        templates.add(0);
        inTemplateText = true;
        i++;
        continue;
      }
      if (!templates.isEmpty()) {
        int depth = templates.get(templates.size() - 1);
        if (c == '{') templates.set(templates.size() - 1, depth + 1);
        else if (c == '}') {
          if (depth == 1) {
            templates.set(templates.size() - 1, 0);
            inTemplateText = true;
            i++;
            continue;
          }
          templates.set(templates.size() - 1, depth - 1);
        }
      }
      if (CJK.matcher(String.valueOf(c)).matches()) addOnce(lines, line); // e.g. an identifier
      prevSignificant = c;
      i++;
    }
    return lines;
  }

  /**
   * A slash starts a regular expression after an operator, an opening bracket or a keyword such as
   * {@code return}, not after a value (a name, a number, a closing bracket).
   */
  private static boolean regexMayStart(String src, int slash, char prev) {
    if (prev == 0 || "(,=:[!&|?{};+-*%<>~^".indexOf(prev) >= 0) return true;
    int end = slash;
    while (end > 0 && Character.isWhitespace(src.charAt(end - 1))) end--;
    int start = end;
    while (start > 0 && Character.isJavaIdentifierPart(src.charAt(start - 1))) start--;
    return REGEX_KEYWORDS.contains(src.substring(start, end));
  }

  private static final Set<String> REGEX_KEYWORDS =
      Set.of("return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw",
          "yield", "await");

  private static void addOnce(List<Integer> lines, int line) {
    if (lines.isEmpty() || lines.get(lines.size() - 1) != line) lines.add(line);
  }
}
