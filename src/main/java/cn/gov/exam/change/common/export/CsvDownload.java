package cn.gov.exam.change.common.export;

import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The response of every CSV export: a {@link CsvWriter} over the response body, fed row by row
 * while the body is written, as an attachment named {@code filename}. The caller parses its
 * filters before calling, so that a bad one is still a problem and not a broken download.
 */
public final class CsvDownload {
    private CsvDownload() {}

    /** Writes the rows of one export; may fail writing them. */
    public interface Rows {
        void writeTo(CsvWriter csv) throws IOException;
    }

    /**
     * The header an export of an exam whose personal data was purged carries (its instant): names
     * read （已清除） and ID numbers stay masked in it, and a reader must know why.
     */
    public static final String PURGED_HEADER = "Personal-Data-Purged-At";

    /** An export of one exam: says so when the exam's personal data was purged. */
    public static RestResponse<StreamingOutput> of(
            String filename, List<String> columns, Rows rows, Instant personalDataPurgedAt) {
        RestResponse<StreamingOutput> response = of(filename, columns, rows);
        if (personalDataPurgedAt != null) {
            response.getHeaders().putSingle(PURGED_HEADER, personalDataPurgedAt.toString());
        }
        return response;
    }

    public static RestResponse<StreamingOutput> of(String filename, List<String> columns, Rows rows) {
        StreamingOutput body = out -> {
            try (CsvWriter csv = new CsvWriter(out, columns)) {
                rows.writeTo(csv);
            }
        };
        return RestResponse.ResponseBuilder.ok(body, CsvWriter.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .build();
    }
}
