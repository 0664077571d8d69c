package cn.gov.exam.change.common.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The one writer of every CSV export: UTF-8 with a byte order mark (so that spreadsheet programs
 * read the Chinese text as UTF-8), a header row, RFC 4180 quoting and CRLF line ends, written as it
 * goes so an export of millions of rows needs constant memory.
 *
 * <p>Text cells beginning with {@code = + - @}, a tab or a carriage return get a leading apostrophe:
 * imported text such as {@code =HYPERLINK(...)} would otherwise run as a formula in the spreadsheet
 * of whoever opens the export. Numbers are written as they are (a number is no formula).
 */
public final class CsvWriter implements AutoCloseable {
    public static final String MEDIA_TYPE = "text/csv;charset=UTF-8";
    private final Writer out;
    private final int columns;

    public CsvWriter(OutputStream out, List<String> header) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 16 * 1024);
        this.columns = header.size();
        this.out.write('\uFEFF');
        row(header);
    }

    /** One row; null cells are empty. */
    public void row(List<?> cells) throws IOException {
        if (cells.size() != columns) {
            throw new IllegalArgumentException("a row of " + cells.size() + " cells under " + columns + " columns");
        }
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells.get(i)));
        }
        out.write("\r\n");
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number) {
            return value.toString();
        }
        String s = value.toString();
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    public void flush() throws IOException {
        out.flush();
    }

    /** Flushes what is left; the stream itself belongs to the caller. */
    @Override
    public void close() throws IOException {
        out.flush();
    }
}
