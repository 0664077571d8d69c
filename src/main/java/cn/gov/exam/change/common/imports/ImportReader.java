package cn.gov.exam.change.common.imports;

import cn.gov.exam.change.common.problems.ProblemException;
import cn.gov.exam.change.common.problems.ProblemType;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Streams the rows of an import body, a JSON array of objects or CSV with a header row, one at a
 * time: a file of millions of rows is never held in memory. Nested JSON objects are flattened to
 * dotted names ({@code fee.status}); CSV headers may use either the dotted or the bare name.
 */
public final class ImportReader {
    // Decimals read exactly: as doubles, 1e400 would be Infinity, which no BigDecimal takes.
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final CsvMapper CSV =
            new CsvMapper().enable(CsvParser.Feature.TRIM_SPACES).enable(CsvParser.Feature.SKIP_EMPTY_LINES);

    private ImportReader() {}

    public static boolean isCsv(String contentType) {
        return contentType != null && contentType.toLowerCase().startsWith("text/csv");
    }

    /** Calls {@code each} for every row in order; returns how many rows were read. */
    public static long forEach(InputStream body, String contentType, ImportErrors errors, Consumer<ImportRow> each) {
        try {
            return isCsv(contentType) ? csv(body, errors, each) : json(body, errors, each);
        } catch (JsonProcessingException e) {
            // Some parse failures carry no location.
            throw new ProblemException(
                    ProblemType.MALFORMED_REQUEST,
                    "The import body is not well-formed "
                            + (isCsv(contentType) ? "CSV" : "JSON")
                            + (e.getLocation() == null
                                    ? ""
                                    : " near line " + e.getLocation().getLineNr()));
        } catch (CharConversionException e) {
            // The CSV reader decodes UTF-8 itself and reports bad bytes this way.
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The import body is not valid UTF-8");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long json(InputStream body, ImportErrors errors, Consumer<ImportRow> each) throws IOException {
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new ProblemException(
                        ProblemType.MALFORMED_REQUEST, "The import body must be a JSON array of objects");
            }
            long n = 0;
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The JSON array is not closed");
                }
                n++;
                JsonNode node = p.readValueAsTree();
                if (!(node instanceof ObjectNode obj)) {
                    errors.add(new cn.gov.exam.change.common.problems.FieldError("", "must be an object", n));
                    continue;
                }
                Map<String, Object> flat = new HashMap<>();
                flatten("", obj, flat);
                each.accept(new ImportRow(n, flat, errors));
            }
            if (p.nextToken() != null) {
                throw new ProblemException(ProblemType.MALFORMED_REQUEST, "Nothing may follow the JSON array");
            }
            return n;
        }
    }

    /** Excel and WPS save "CSV UTF-8" with a byte order mark, which would otherwise join the first column's name. */
    private static InputStream withoutByteOrderMark(InputStream in) throws IOException {
        java.io.PushbackInputStream p = new java.io.PushbackInputStream(in, 3);
        byte[] head = p.readNBytes(3);
        boolean bom =
                head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF;
        if (!bom) {
            p.unread(head);
        }
        return p;
    }

    private static void flatten(String prefix, ObjectNode obj, Map<String, Object> out) {
        Iterator<Map.Entry<String, JsonNode>> fields = obj.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String name = prefix + f.getKey();
            JsonNode v = f.getValue();
            if (v instanceof ObjectNode nested) {
                flatten(name + ".", nested, out);
            } else if (v instanceof ArrayNode array) {
                List<Object> items = new ArrayList<>(array.size());
                array.forEach(item -> items.add(item.isTextual() ? item.textValue() : item));
                out.put(name, items);
            } else if (v.isNull()) {
                out.put(name, null);
            } else if (v.isTextual()) {
                out.put(name, v.textValue());
            } else if (v.isBoolean()) {
                out.put(name, v.booleanValue());
            } else if (v.isIntegralNumber() && v.canConvertToLong()) {
                out.put(name, v.longValue());
            } else if (v.isNumber()) {
                out.put(name, v.decimalValue());
            } else {
                out.put(name, v.toString());
            }
        }
    }

    private static long csv(InputStream raw, ImportErrors errors, Consumer<ImportRow> each) throws IOException {
        InputStream body = withoutByteOrderMark(raw);
        try (MappingIterator<String[]> it = CSV.readerFor(String[].class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY)
                .readValues(body)) {
            if (!it.hasNextValue()) {
                throw new ProblemException(
                        ProblemType.MALFORMED_REQUEST, "The import body is not well-formed CSV: it has no header row");
            }
            String[] header = it.nextValue();
            Map<String, Integer> columns = CsvLine.columns(header);
            long n = 0;
            while (it.hasNextValue()) {
                String[] cells = it.nextValue();
                if (cells.length > header.length) {
                    throw new ProblemException(
                            ProblemType.MALFORMED_REQUEST,
                            "The import body is not well-formed CSV near line "
                                    + it.getCurrentLocation().getLineNr()
                                    + ": more values than the header has columns");
                }
                n++;
                each.accept(new ImportRow(n, CsvLine.of(columns, cells), errors, true));
            }
            return n;
        }
    }
}
