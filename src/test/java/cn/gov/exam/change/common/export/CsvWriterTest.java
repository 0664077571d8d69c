package cn.gov.exam.change.common.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvWriterTest {
    @Test
    void bomHeaderQuotingAndNeutralisedFormulas() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CsvWriter csv = new CsvWriter(out, List.of("a", "b", "c"))) {
            csv.row(Arrays.asList("=HYPERLINK(\"http://x\",\"y\")", "+1", "-2"));
            csv.row(Arrays.asList("@SUM(A1)", "\tx", "\rx"));
            csv.row(Arrays.asList("plain 中文", "with, comma", "line\nbreak"));
            csv.row(Arrays.asList(-5, null, ""));
        }
        assertEquals(
                "\uFEFFa,b,c\r\n"
                        + "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'+1,'-2\r\n"
                        + "'@SUM(A1),'\tx,\"'\rx\"\r\n"
                        + "plain 中文,\"with, comma\",\"line\nbreak\"\r\n"
                        + "-5,,\r\n",
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void copyFormatQuotesEveryValueAndLeavesOnlyNullUnquoted() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CsvWriter csv = new CsvWriter(out, 4, CsvWriter.Format.COPY)) {
            csv.row(Arrays.asList(7, "=x", "", null));
            csv.row(Arrays.asList("a\"b", "c,d", true, "中文\n"));
        }
        // No byte order mark, no header, no apostrophe: what PostgreSQL's COPY (format csv) reads back as it was.
        assertEquals(
                "\"7\",\"=x\",\"\",\n" + "\"a\"\"b\",\"c,d\",\"true\",\"中文\n\"\n",
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void rowsMustFitTheHeader() throws Exception {
        CsvWriter csv = new CsvWriter(new ByteArrayOutputStream(), List.of("a", "b"));
        assertThrows(IllegalArgumentException.class, () -> csv.row(List.of("x")));
    }
}
