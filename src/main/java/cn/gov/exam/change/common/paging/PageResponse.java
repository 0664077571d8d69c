package cn.gov.exam.change.common.paging;

import java.util.List;
import java.util.function.Function;

/** A page of a list: {@code {"items", "page", "size", "total"}}. */
public record PageResponse<T>(List<T> items, int page, int size, long total) {
    /** The same page with each item converted. */
    public <R> PageResponse<R> map(Function<? super T, ? extends R> f) {
        return new PageResponse<R>(items.stream().<R>map(f).toList(), page, size, total);
    }
}
