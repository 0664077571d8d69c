package cn.gov.exam.change.position;

/** One position of an import, as sent. */
public record PositionRow(
        String code,
        String agencyCode,
        String agencyName,
        String employer,
        String title,
        Integer quota,
        Integer ratio,
        Requirements requirements) {}
