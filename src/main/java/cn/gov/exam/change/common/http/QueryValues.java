package cn.gov.exam.change.common.http;

import cn.gov.exam.change.common.problems.ProblemException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/** Query parameter values that JAX-RS would otherwise turn into a 404 when they do not convert. */
public final class QueryValues {
    private QueryValues() {}

    public static <E extends Enum<E>> E enumOrNull(Class<E> type, String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** An ISO-8601 instant with offset, within what the database stores; null when absent. */
    public static Instant instantOrNull(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(
                    field, "must be an ISO-8601 instant with offset, e.g. 2023-01-14T09:00:00+08:00");
        }
        if (!InputRules.storable(instant)) {
            throw ProblemException.invalid(field, InputRules.INSTANT_RANGE);
        }
        return instant;
    }
}
