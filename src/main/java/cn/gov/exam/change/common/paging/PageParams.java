package cn.gov.exam.change.common.paging;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/** The {@code page} and {@code size} query parameters of every list. */
public class PageParams {
    public static final int MAX_SIZE = 500;
    /** Far beyond any list, and small enough that every offset fits the int that queries take. */
    public static final int MAX_PAGE = 1_000_000;

    @QueryParam("page")
    @DefaultValue("0")
    @Min(value = 0, message = "must be 0 or more")
    @Max(value = MAX_PAGE, message = "must be at most 1000000")
    public int page;

    @QueryParam("size")
    @DefaultValue("50")
    @Min(value = 1, message = "must be at least 1")
    @Max(value = MAX_SIZE, message = "must be at most 500")
    public int size;

    /** Computed in long: an unchecked page times size must not wrap around to a negative offset. */
    public int offset() {
        return Math.toIntExact((long) page * size);
    }
}
