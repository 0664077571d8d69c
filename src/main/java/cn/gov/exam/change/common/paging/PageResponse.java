package cn.gov.exam.change.common.paging;

import java.util.List;

/** A page of a list: {@code {"items", "page", "size", "total"}}. */
public record PageResponse<T>(List<T> items, int page, int size, long total) {}
