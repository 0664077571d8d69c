package cn.gov.exam.change.common.imports;

/** What an import did: rows received, records created and records updated. */
public record ImportResult(String examCode, long received, long created, long updated) {}
