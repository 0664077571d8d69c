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
 *
 * <p>With {@link Format#COPY} it writes what PostgreSQL's {@code COPY … (format csv)} reads
 * instead (the registration import's staging rows): see there.
 */
public final class CsvWriter implements AutoCloseable {
    public static final String MEDIA_TYPE = "text/csv;charset=UTF-8";
    private final Writer out;
    private final int columns;
    private final Format format;

    /**
     * How rows are written: {@code quoteAll} quotes every value that is not null (numbers too), so
     * that an empty text ({@code ""}) differs from a null (an unquoted empty field); else only
     * values that need it are quoted and a null and an empty text are both empty.
     */
    public record Format(boolean byteOrderMark, String lineEnd, boolean quoteAll, boolean neutraliseFormulas) {
        /** Exports, opened in spreadsheet programs: see the class comment. */
        public static final Format EXPORT = new Format(true, "\r\n", false, true);
        /**
         * PostgreSQL's {@code COPY … from stdin with (format csv)}: no byte order mark and (by the
         * caller) no header, LF line ends, every value quoted and null an unquoted empty field
         * (COPY's default null marker in CSV), text as it is.
         */
        public static final Format COPY = new Format(false, "\n", true, false);
    }

    /** An export: {@link Format#EXPORT}, starting with the header row. */
    public CsvWriter(OutputStream out, List<String> header) throws IOException {
        this(out, header.size(), Format.EXPORT);
        row(header);
    }

    /** Rows of {@code columns} cells in {@code format}, without a header row. */
    public CsvWriter(OutputStream out, int columns, Format format) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 16 * 1024);
        this.columns = columns;
        this.format = format;
        if (format.byteOrderMark()) {
            this.out.write('\uFEFF');
        }
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
            cell(cells.get(i));
        }
        out.write(format.lineEnd());
    }

    /** Writes one cell straight into the buffer (an import stages millions of rows through here). */
    private void cell(Object value) throws IOException {
        if (value == null) {
            return;
        }
        if (value instanceof Number && !format.quoteAll()) {
            out.write(value.toString());
            return;
        }
        String s = value.toString();
        boolean formula = format.neutraliseFormulas() && !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0;
        if (!format.quoteAll()
                && s.indexOf(',') < 0
                && s.indexOf('"') < 0
                && s.indexOf('\n') < 0
                && s.indexOf('\r') < 0) {
            if (formula) {
                out.write('\'');
            }
            out.write(s);
            return;
        }
        out.write('"');
        if (formula) {
            out.write('\'');
        }
        int from = 0;
        for (int q = s.indexOf('"'); q >= 0; q = s.indexOf('"', from)) {
            out.write(s, from, q + 1 - from);
            out.write('"');
            from = q + 1;
        }
        out.write(s, from, s.length() - from);
        out.write('"');
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
