package cn.gov.exam.change.common.imports;

import cn.gov.exam.change.common.Labels;
import cn.gov.exam.change.common.http.InputRules;
import cn.gov.exam.change.common.problems.FieldError;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One data row of an import (JSON element or CSV line), read field by field. Every accessor
 * reports a bad value into {@link ImportErrors} with the row number and returns null, so one pass
 * collects every problem of the row.
 */
public final class ImportRow {
    private final long number;
    private final Map<String, Object> values;
    private final ImportErrors errors;
    /** A CSV line: problems name its column as the file's header does, not the JSON path. */
    private final boolean csv;

    private boolean valid = true;

    ImportRow(long number, Map<String, Object> values, ImportErrors errors) {
        this(number, values, errors, false);
    }

    ImportRow(long number, Map<String, Object> values, ImportErrors errors, boolean csv) {
        this.number = number;
        this.values = values;
        this.errors = errors;
        this.csv = csv;
    }

    public long number() {
        return number;
    }

    public boolean valid() {
        return valid;
    }

    public void reject(String field, String message) {
        valid = false;
        errors.add(new FieldError(column(field), message, number));
    }

    /** The name a problem gives the field: in CSV the header's column (dotted or bare), else the JSON path. */
    private String column(String field) {
        int dot = field.lastIndexOf('.');
        if (!csv || dot < 0 || values.containsKey(field)) {
            return field;
        }
        return field.substring(dot + 1);
    }

    /** The raw value of a field; a nested JSON field {@code fee.status} may come as {@code status} in CSV. */
    Object raw(String field) {
        Object v = values.get(field);
        if (v == null) {
            int dot = field.lastIndexOf('.');
            if (dot > 0) {
                v = values.get(field.substring(dot + 1));
            }
        }
        if (v instanceof String s && s.isBlank()) {
            return null;
        }
        return v;
    }

    public String text(String field, boolean required, int maxLength) {
        Object v = raw(field);
        if (v == null) {
            if (required) {
                reject(field, "is required");
            }
            return null;
        }
        if (!(v instanceof String) && !(v instanceof Number) && !(v instanceof Boolean)) {
            reject(field, "must be text");
            return null;
        }
        // Checked before trimming, which would drop a trailing NUL and hide it.
        if (InputRules.unsafeText(v.toString())) {
            reject(field, InputRules.UNSAFE_TEXT);
            return null;
        }
        String s = v.toString().trim();
        if (s.length() > maxLength) {
            reject(field, "must be at most " + maxLength + " characters");
            return null;
        }
        return s;
    }

    public Integer integer(String field, boolean required, int min, int max) {
        Object v = raw(field);
        if (v == null) {
            if (required) {
                reject(field, "is required");
            }
            return null;
        }
        long n;
        try {
            // Exact: a number beyond long must be refused, not wrapped around into the allowed range.
            n = v instanceof BigDecimal bd
                    ? bd.longValueExact()
                    : v instanceof Long || v instanceof Integer
                            ? ((Number) v).longValue()
                            : Long.parseLong(v.toString().trim());
        } catch (NumberFormatException | ArithmeticException e) {
            reject(field, "must be a whole number");
            return null;
        }
        if (n < min || n > max) {
            reject(field, "must be between " + min + " and " + max);
            return null;
        }
        return (int) n;
    }

    public Boolean bool(String field, boolean required) {
        Object v = raw(field);
        if (v == null) {
            if (required) {
                reject(field, "is required");
            }
            return null;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v.toString().trim().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("是")) {
            return true;
        }
        if (s.equals("false") || s.equals("否")) {
            return false;
        }
        reject(field, "must be true or false (是 or 否)");
        return null;
    }

    public <E extends Enum<E>> E enumValue(String field, Class<E> type, boolean required) {
        String s = text(field, required, 40);
        if (s == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, s);
        } catch (IllegalArgumentException e) {
            // People's files may carry the Chinese label (本科) instead of the code (BACHELOR).
            String table = type.getSimpleName();
            var code = Labels.code(table, s);
            if (code.isPresent()) {
                return Enum.valueOf(type, code.get());
            }
            String allowed = Labels.allowed(table);
            reject(field, "must be one of " + (allowed.isEmpty() ? Arrays.toString(type.getEnumConstants()) : allowed));
            return null;
        }
    }

    public LocalDate date(String field, boolean required) {
        String s = text(field, required, 10);
        if (s == null) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            reject(field, "must be a date like 1990-01-31");
            return null;
        }
    }

    public OffsetDateTime instant(String field, boolean required) {
        String s = text(field, required, 40);
        if (s == null) {
            return null;
        }
        OffsetDateTime instant;
        try {
            instant = OffsetDateTime.parse(s);
        } catch (DateTimeParseException e) {
            reject(field, "must be an ISO-8601 instant with offset");
            return null;
        }
        if (!InputRules.storable(instant.toInstant())) {
            reject(field, InputRules.INSTANT_RANGE);
            return null;
        }
        return instant;
    }

    public BigDecimal money(String field, boolean required) {
        String s = text(field, required, 14);
        if (s == null) {
            return null;
        }
        try {
            BigDecimal d = new BigDecimal(s);
            if (d.scale() > 2 || d.signum() < 0 || d.precision() - d.scale() > 8) {
                reject(field, "must be an amount like \"100.00\"");
                return null;
            }
            return d.setScale(2);
        } catch (NumberFormatException e) {
            reject(field, "must be an amount like \"100.00\"");
            return null;
        }
    }

    /** A JSON array of strings, or in CSV one text separated by {@code |}. */
    public List<String> list(String field, int maxItemLength) {
        Object v = raw(field);
        if (v == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> items) {
            for (Object item : items) {
                if (!(item instanceof String s)) {
                    reject(field, "must be a list of text");
                    return null;
                }
                if (InputRules.unsafeText(s)) {
                    reject(field, InputRules.UNSAFE_TEXT);
                    return null;
                }
                out.add(s.trim());
            }
        } else if (InputRules.unsafeText(v.toString())) {
            reject(field, InputRules.UNSAFE_TEXT);
            return null;
        } else {
            for (String s : v.toString().split("\\|")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        for (String s : out) {
            if (s.isEmpty() || s.length() > maxItemLength) {
                reject(field, "items must be 1 to " + maxItemLength + " characters");
                return null;
            }
        }
        return List.copyOf(out);
    }
}
