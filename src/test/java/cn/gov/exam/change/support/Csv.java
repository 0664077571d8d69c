package cn.gov.exam.change.support;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Reads the CSV exports as a spreadsheet would: checks the BOM, parses RFC 4180 with the header row. */
public final class Csv {
    private Csv() {}

    public static List<Map<String, String>> parse(byte[] body) throws Exception {
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(body, 3), "a UTF-8 BOM");
        String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        try (MappingIterator<Map<String, String>> rows = new CsvMapper()
                .readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(text)) {
            return rows.readAll();
        }
    }

    /** The header row of an export. */
    public static List<String> header(byte[] body) {
        String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        return List.of(text.substring(0, text.indexOf("\r\n")).split(","));
    }

    /** An exam's admin list ({@code reviews}, {@code refunds}, …) as JSON items, up to 500, under the query's filters. */
    public static List<Map<String, Object>> items(RequestSpecification who, String list, String exam, String query) {
        return who.get("/api/v1/admin/exams/{exam}/" + list + "?size=500&" + query, exam)
                .then()
                .statusCode(200)
                .extract()
                .path("items");
    }

    /** The same list downloaded as CSV under the same filters, in the machine form (codes, ISO instants). */
    public static List<Map<String, String>> rows(RequestSpecification who, String list, String exam, String query) {
        return download(who.accept("text/csv")
                .get(
                        "/api/v1/admin/exams/{exam}/" + list + "?format=machine" + (query.isEmpty() ? "" : "&" + query),
                        exam));
    }

    /** A 200 CSV download's rows, checked for the export's content type and headers. */
    public static List<Map<String, String>> download(Response response) {
        response.then()
                .statusCode(200)
                .contentType(equalTo("text/csv;charset=UTF-8"))
                .header("Cache-Control", equalTo("no-store"));
        try {
            return parse(response.asByteArray());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Asserts that the CSV rows are the JSON list's items, in order, column by column; a text cell the
     * export neutralised (a leading = + - @) is compared with the apostrophe it carries.
     */
    public static void assertSameRows(
            List<Map<String, Object>> items, List<Map<String, String>> rows, List<String> columns) {
        assertEquals(
                items.stream().map(i -> String.valueOf(i.get("id"))).toList(),
                rows.stream().map(r -> r.get("id")).toList(),
                "the same rows in the same order");
        for (int i = 0; i < items.size(); i++) {
            List<String> expected = new ArrayList<>();
            List<String> actual = new ArrayList<>();
            for (String column : columns) {
                Object v = items.get(i).get(column);
                String s = v == null ? "" : v.toString();
                expected.add(column + "="
                        + (v instanceof String && !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s));
                actual.add(column + "=" + rows.get(i).get(column));
            }
            assertEquals(expected, actual, "row " + i);
        }
    }
}
