package cn.gov.exam.change.common;

import java.util.Arrays;

/** Query parameter values that JAX-RS would otherwise turn into a 404 when they do not convert. */
public final class QueryValues {
    private QueryValues() {
    }

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
}
