package cn.gov.exam.change.common.problems;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One invalid field; {@code row} is the 1-based data row of an import. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldError(String field, String message, Long row) {
    public static FieldError of(String field, String message) {
        return new FieldError(field, message, null);
    }
}
